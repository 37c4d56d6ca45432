package social.herd.media.impl.image;

import java.io.Serial;

/** An upload that cannot become media: its message is the API's 422 {@code error} text. */
public final class UnprocessableMedia extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public UnprocessableMedia(String message) {
        super(message, null, false, false);
    }
}
