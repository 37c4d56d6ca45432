package social.herd.streaming.impl.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Turns a request into a WebSocket. Kept free of Jetty types so that the servlet loads (and serves
 * SSE) even where Jetty's WebSocket bundles are missing.
 */
interface Upgrader {

    /** Upgrades, or answers the request with an error; never leaves it unanswered. */
    void upgrade(HttpServletRequest request, HttpServletResponse response, String address) throws IOException;
}
