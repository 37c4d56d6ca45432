package social.herd.web.impl.filters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import social.herd.web.impl.errors.BodyTooLargeException;

/**
 * Counts the bytes read from a request body and fails with {@link BodyTooLargeException} (413)
 * once more than the limit has been read, so chunked bodies without a {@code Content-Length} are
 * bounded too.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    LimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: counting must not be rewound
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void count(long n) {
        count += n;
        if (count > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
    }
}
