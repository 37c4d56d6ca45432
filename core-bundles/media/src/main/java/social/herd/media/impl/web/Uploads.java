package social.herd.media.impl.web;

import social.herd.web.api.Multipart;
import social.herd.media.impl.Upload;
import jakarta.ws.rs.core.Response;
import social.herd.media.impl.MediaService;
import social.herd.media.impl.db.MediaRow;

/** The upload step both API versions share. */
final class Uploads {

    /** Room for the text fields and part headers besides the file. */
    static final int FORM_OVERHEAD = 64 * 1024;

    private Uploads() {}

    /**
     * Reads an upload form within the largest file size (video's); each kind's own limit is the
     * service's to check once it knows what the file is.
     */
    static Multipart.Parts read(MediaService media, String contentType, java.io.InputStream body) throws java.io.IOException {
        int limit = media.maxUploadBytes();
        return Multipart.read(contentType, body, limit + FORM_OVERHEAD, MediaService.tooLarge(limit));
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
