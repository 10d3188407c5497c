using SkiaSharp;
using Souk.Domain;

namespace Souk.Web.Infrastructure.Images;

/// <summary>
/// Turns uploaded bytes into an image Souk can serve: the header is read first and an image of more than
/// <see cref="MaxPixels"/> is refused before any pixel is decoded (a few bytes can declare 50,000 × 50,000 pixels and
/// take gigabytes to decode); then the whole image is decoded — what does not decode completely is refused — and encoded
/// again from its pixels. Only pixels survive: no metadata (EXIF with GPS, PNG text chunks, comments) and nothing after
/// the image's end (an HTML or script polyglot). Decoding is Skia's (SkiaSharp), a maintained imaging library.
/// Used for dispute evidence; meant for any image a user uploads.
/// </summary>
public static class ImageSanitizer
{
    /// <summary>The most pixels an uploaded image may have (decoding takes 4 bytes per pixel: 160 MB at this limit).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The quality lossy images (JPEG, WebP) are encoded again with: close to the original, no visible loss.</summary>
    public const int LossyQuality = 90;

    public sealed record CleanImage(byte[] Content, string ContentType, int Width, int Height);

    /// <summary>The decoded and re-encoded image; refuses (as a problem on <paramref name="field"/>) what is not a whole
    /// PNG, JPEG or WebP image within the pixel limit.</summary>
    public static CleanImage Sanitize(byte[] bytes, string field)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var opened)
            ?? throw RuleViolation.Invalid("image.unreadable", field, ("detail", opened.ToString())).ToException();
        var (contentType, format, quality) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ("image/png", SKEncodedImageFormat.Png, 100),
            SKEncodedImageFormat.Jpeg => ("image/jpeg", SKEncodedImageFormat.Jpeg, LossyQuality),
            SKEncodedImageFormat.Webp => ("image/webp", SKEncodedImageFormat.Webp, LossyQuality),
            _ => throw RuleViolation.Invalid("image.type-not-allowed", field, ("allowed", "PNG, JPEG, WebP")).ToException(),
        };
        var header = codec.Info;
        if (header.Width <= 0 || header.Height <= 0 || (long)header.Width * header.Height > MaxPixels)
            throw RuleViolation.Invalid("image.too-many-pixels", field, ("width", header.Width), ("height", header.Height), ("maxPixels", MaxPixels))
                .ToException();

        var info = new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888,
            header.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, header.ColorSpace);
        using var decoded = new SKBitmap(info);
        // Incomplete input (a truncated file, an IDAT that ends early) counts as not decoding: Skia would fill the rest grey.
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw RuleViolation.Invalid("image.unreadable", field, ("detail", result.ToString())).ToException();

        // The EXIF orientation goes with the metadata, so it is applied to the pixels: a phone photo stays upright.
        var upright = Orient(decoded, codec.EncodedOrigin);
        try
        {
            using var encoded = upright.Encode(format, quality)
                ?? throw RuleViolation.Invalid("image.unreadable", field, ("detail", "re-encoding failed")).ToException();
            return new CleanImage(encoded.ToArray(), contentType, upright.Width, upright.Height);
        }
        finally
        {
            if (!ReferenceEquals(upright, decoded)) upright.Dispose();
        }
    }

    /// <summary>The image turned as its EXIF origin says (a new bitmap; the same one for the usual top-left origin).</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        // x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY (SKMatrix's order of arguments).
        SKMatrix? turn = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (turn is not { } matrix) return source;
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var turned = new SKBitmap(source.Info.WithSize(sideways ? source.Height : source.Width, sideways ? source.Width : source.Height));
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return turned;
    }
}
