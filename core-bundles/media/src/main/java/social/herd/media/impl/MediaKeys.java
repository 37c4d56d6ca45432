package social.herd.media.impl;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Storage keys of one upload: {@code media_attachments/<2 hex>/<128 random bits>...}. The random
 * part makes URLs unguessable; the two-character folder keeps directories small on local disk.
 */
record MediaKeys(String base) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static MediaKeys random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        return new MediaKeys("media_attachments/" + token.substring(0, 2) + "/" + token);
    }

    /** The keys of the upload whose raw file is {@code incomingKey}. */
    static MediaKeys ofIncoming(String incomingKey) {
        if (!incomingKey.endsWith(".upload")) throw new IllegalArgumentException("not an incoming key: " + incomingKey);
        return new MediaKeys(incomingKey.substring(0, incomingKey.length() - ".upload".length()));
    }

    String original(String extension) {
        return base + "." + extension;
    }

    String small(String extension) {
        return base + "_small." + extension;
    }

    /** The raw upload awaiting processing; its extension is one the web bundle never serves. */
    String incoming() {
        return base + ".upload";
    }
}
