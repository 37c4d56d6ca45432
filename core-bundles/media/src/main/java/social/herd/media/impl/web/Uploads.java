package social.herd.media.impl.web;

import social.herd.web.api.ApiException;
import social.herd.web.api.Multipart;
import social.herd.media.impl.Upload;
import jakarta.ws.rs.core.Response;
import social.herd.media.impl.MediaService;
import social.herd.media.impl.db.MediaRow;

/** The upload step both API versions share. */
final class Uploads {

    /** A 16 MB image plus the text fields and part headers. */
    static final int MAX_BODY = 16 * 1024 * 1024 + 64 * 1024;
    static final ApiException TOO_LARGE = ApiException.unprocessable("Validation failed: File file size must be less than 16 MB");

    private Uploads() {}

    /** Reads an upload form within the media size limit. */
    static Multipart.Parts read(String contentType, java.io.InputStream body) throws java.io.IOException {
        return Multipart.read(contentType, body, MAX_BODY, TOO_LARGE);
    }

    static Response accept(MediaService media, long accountId, Multipart.Parts parts, boolean mayDefer)
            throws InterruptedException {
        Multipart.FilePart file = parts.files().get("file");
        Upload upload = file == null ? null : new Upload(file.filename(), file.contentType(), file.bytes());
        MediaRow row = media.upload(accountId, upload, parts.values().get("description"),
                parts.values().get("focus"), mayDefer);
        return Response.status(MediaRow.READY.equals(row.state()) ? 200 : 202).entity(media.views().entity(row)).build();
    }
}
