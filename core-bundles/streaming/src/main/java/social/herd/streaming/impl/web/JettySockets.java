package social.herd.streaming.impl.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Cuts an HTTP connection at the socket. The servlet API has no way to end a response while another
 * thread is blocked writing to it, which is exactly the state of a stream whose client stopped
 * reading; Jetty's endpoint can. Without Jetty classes it does nothing and the container's idle
 * timeout ends the write instead.
 */
final class JettySockets {

    private JettySockets() {}

    /** A hard close for the connection of {@code request}, captured now (requests are recycled). */
    static Runnable hardClose(HttpServletRequest request) {
        try {
            EndPoint endPoint = ServletContextRequest.getServletContextRequest(request)
                    .getConnectionMetaData().getConnection().getEndPoint();
            return () -> endPoint.close(new IOException("stream client too slow"));
        } catch (LinkageError | RuntimeException e) {
            return () -> { };
        }
    }
}
