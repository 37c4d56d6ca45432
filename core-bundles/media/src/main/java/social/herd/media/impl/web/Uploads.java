package social.herd.media.impl.web;

import jakarta.ws.rs.core.Response;
import social.herd.media.impl.MediaService;
import social.herd.media.impl.db.MediaRow;

/** The upload step both API versions share. */
final class Uploads {

    private Uploads() {}

    static Response accept(MediaService media, long accountId, Multipart.Parts parts, boolean mayDefer)
            throws InterruptedException {
        MediaRow row = media.upload(accountId, parts.files().get("file"), parts.values().get("description"),
                parts.values().get("focus"), mayDefer);
        return Response.status(MediaRow.READY.equals(row.state()) ? 200 : 202).entity(media.views().entity(row)).build();
    }
}
