using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Data;
using Souk.Domain;
using Souk.Domain.Orders;
using Souk.Web.Infrastructure;
using Souk.Web.Infrastructure.Images;

namespace Souk.Web.Features.Orders;

/// <summary>
/// Evidence in a dispute (images): the buyer or the seller uploads PNG, JPEG or WebP files of at most 5 MB, at most 10
/// per dispute; the type is read from the bytes, not the name, and the image is decoded and stored re-encoded (no
/// metadata, nothing hidden after it; at most <see cref="ImageSanitizer.MaxPixels"/> pixels). Files are stored in the database (any process serves
/// them) and downloaded — never shown inline — only by the two parties and admins.
/// </summary>
public static class DisputeEvidenceEndpoints
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>The upload request's limit: the file cap plus room for the multipart framing.</summary>
    public const long MaxRequestBytes = MaxBytes + 1024 * 1024;

    public sealed record EvidenceView(long Id, string UploadedBy, string FileName, string ContentType, long Bytes, DateTimeOffset At, string Href);

    public static void Map(RouteGroupBuilder orders)
    {
        // The server stops reading a body well past the file cap (413 request.too-large), so a huge upload is not
        // buffered first; a file just over the cap still gets its own evidence.too-large.
        orders.MapPost("/{id:long}/dispute/evidence", Upload).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBytes)).ProducesProblem(413)
            .WithName("add-dispute-evidence").WithSummary("Attach an image (PNG, JPEG or WebP, at most 5 MB; 10 per dispute) to the open dispute, as multipart field 'file'")
            .WithProblems().ProducesProblem(429);
        orders.MapGet("/{id:long}/dispute/evidence", List).WithName("list-dispute-evidence")
            .WithSummary("The dispute's evidence files, oldest first").WithProblems();
        orders.MapGet("/{id:long}/dispute/evidence/{evidenceId:long}", Download).WithName("download-dispute-evidence")
            .WithSummary("Download one evidence file (as an attachment)").WithProblems();
    }

    private static async Task<Created<EvidenceView>> Upload(long id, HttpRequest request, ActorAccessor actors, OrderWriter writer, SoukDbContext db,
        CancellationToken ct)
    {
        var actor = await actors.GetAsync(ct);
        if (!request.HasFormContentType) throw RuleViolation.Invalid("evidence.file-required", "file").ToException();
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            // A multipart body that ends early or breaks its own boundaries is the client's mistake, not a 500. (The
            // server's own refusals, such as the size limit's 413, are BadHttpRequestExceptions and keep their status.)
            throw new BadHttpRequestException("The multipart form could not be read: " + e.Message, StatusCodes.Status400BadRequest, e);
        }
        var view = await UploadAsync(id, actor, form.Files.GetFile("file"), writer, db, ct);
        return TypedResults.Created(view.Href, view);
    }

    /// <summary>Checks and stores one evidence file through the order's commit step (the API and the order page).</summary>
    public static async Task<EvidenceView> UploadAsync(long id, Actor actor, IFormFile? file, OrderWriter writer, SoukDbContext db, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw RuleViolation.Invalid("evidence.file-required", "file").ToException();
        if (file.Length > MaxBytes) throw RuleViolation.Invalid("evidence.too-large", "file", ("maxBytes", MaxBytes), ("bytes", file.Length)).ToException();
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        if (ImageTypeOf(content) is null)
            throw RuleViolation.Invalid("evidence.type-not-allowed", "file", ("allowed", "PNG, JPEG, WebP")).ToException();
        // Decoded and encoded again: what is stored and served is only the image's pixels (ImageSanitizer).
        var image = ImageSanitizer.Sanitize(content, "file");
        content = image.Content;
        var contentType = image.ContentType;
        var name = SafeName(file.FileName, contentType);

        var evidence = new EvidenceFile(name, contentType, content);
        // The commit step stores the file with the order's change (the verb's DisputeEvidenceAttached effect): both or neither.
        await writer.ChangeAsync(id, actor, "add-dispute-evidence", (order, now, _) => order.AttachDisputeEvidence(actor, evidence, now), ct);
        // The row it stored, now with its id: this request's unit of work holds it, found by its very bytes.
        return View(db.DisputeEvidence.Local.Single(e => ReferenceEquals(e.Content, content)));
    }

    private static async Task<Ok<List<EvidenceView>>> List(long id, ActorAccessor actors, OrderWriter writer, SoukDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(id, await actors.GetAsync(ct), writer, db, ct));

    /// <summary>The dispute's evidence without the bytes, oldest first.</summary>
    public static async Task<List<EvidenceView>> ListAsync(long id, Actor actor, OrderWriter writer, SoukDbContext db, CancellationToken ct)
    {
        await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        var rows = await db.DisputeEvidence.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.Id)
            .Select(e => new DisputeEvidence { Id = e.Id, OrderId = e.OrderId, UploadedByRole = e.UploadedByRole, FileName = e.FileName,
                ContentType = e.ContentType, SizeBytes = e.SizeBytes, At = e.At })
            .ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    private static async Task<IResult> Download(long id, long evidenceId, ActorAccessor actors, OrderWriter writer, SoukDbContext db, HttpResponse response,
        CancellationToken ct)
    {
        var row = await FileAsync(id, evidenceId, await actors.GetAsync(ct), writer, db, ct);
        // A download, never rendered by the browser as this site's content.
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(row.Content, row.ContentType, row.FileName);
    }

    /// <summary>One evidence file with its bytes, if <paramref name="actor"/> may see the order.</summary>
    public static async Task<DisputeEvidence> FileAsync(long id, long evidenceId, Actor actor, OrderWriter writer, SoukDbContext db, CancellationToken ct)
    {
        await OrderEndpoints.LoadVisibleAsync(id, actor, writer, ct);
        return await db.DisputeEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.OrderId == id, ct)
            ?? throw new NotFoundException("evidence.not-found", RefusalMessages.Render("evidence.not-found", new Dictionary<string, object?>()));
    }

    private static EvidenceView View(DisputeEvidence e) =>
        new(e.Id, e.UploadedByRole, e.FileName, e.ContentType, e.SizeBytes, e.At, $"/api/orders/{e.OrderId}/dispute/evidence/{e.Id}");

    /// <summary>What the bytes are: PNG, JPEG or WebP by their signature; anything else is refused.</summary>
    public static string? ImageTypeOf(ReadOnlySpan<byte> b) =>
        b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>A plain file name for the download: path parts dropped, odd characters replaced, the extension of the real type.</summary>
    private static string SafeName(string? given, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(given ?? "")) ?? "";
        stem = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(100).ToArray());
        var ext = contentType switch { "image/png" => ".png", "image/jpeg" => ".jpg", _ => ".webp" };
        return (stem.Length == 0 ? "evidence" : stem) + ext;
    }
}
