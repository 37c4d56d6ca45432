package social.herd.accounts.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import social.herd.accounts.impl.security.SecretTokens;

/**
 * Stores profile images under {@code <data dir>/media/accounts/<avatars|headers>/<account id>/}.
 * Only PNG, JPEG, GIF and WebP are accepted, recognised by their bytes rather than the type the
 * client claimed. Resizing and object storage belong to the media bundle later.
 */
final class MediaFiles {

    /** Mastodon's limit for avatars and headers. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final Path mediaRoot;

    MediaFiles(Path dataDir) {
        this.mediaRoot = dataDir.resolve("media");
    }

    /** The problem with an upload as a validation message tail, or null when acceptable. */
    static String problem(Upload upload) {
        if (upload.bytes().length == 0) return "can't be blank";
        if (upload.bytes().length > MAX_BYTES) return "file size must be less than 8 MB";
        if (extension(upload.bytes()) == null) return "has contents that are not what they are reported to be";
        return null;
    }

    /**
     * Writes the image and answers its path relative to the media folder ({@code accounts/avatars/1/x.png}).
     * Written to a temporary name first, so a half-written file is never served.
     */
    String store(String kind, long accountId, Upload upload) {
        String relative = "accounts/" + kind + "/" + accountId + "/" + SecretTokens.newToken().substring(0, 16)
                + "." + extension(upload.bytes());
        Path target = mediaRoot.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(temp, upload.bytes());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + kind + " image", e);
        }
        return relative;
    }

    /** Removes a stored image (after a failed transaction, or when replaced). */
    void delete(String relative) {
        if (relative == null) return;
        try {
            Files.deleteIfExists(mediaRoot.resolve(relative));
        } catch (IOException ignored) {
            // an orphaned file wastes space but harms nobody
        }
    }

    static String extension(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "png";
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return "jpg";
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "gif";
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "webp";
        return null;
    }
}
