package social.herd.media.impl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against the worked examples in AWS's S3 documentation ("Signature Calculations for
 * the Authorization Header: Transferring Payload in a Single Chunk"), which use these credentials.
 */
class SigV4Test {

    static final String ACCESS = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant WHEN = Instant.parse("2013-05-24T00:00:00Z");

    private final SigV4 signer = new SigV4(ACCESS, SECRET, "us-east-1");

    @Test
    void getObjectExample() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", SigV4.amzDate(WHEN));
        assertThat(SigV4.amzDate(WHEN)).isEqualTo("20130524T000000Z");
        assertThat(signer.authorization("GET", "/test.txt", "", headers, SigV4.EMPTY_SHA256, WHEN)).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectExampleWithAnEncodedKey() {
        String payload = SigV4.hex(SigV4.sha256().digest("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)));
        assertThat(payload).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("x-amz-date", "20130524T000000Z");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        headers.put("x-amz-content-sha256", payload);
        String path = SigV4.encodePath("/test$file.text");
        assertThat(path).isEqualTo("/test%24file.text");
        assertThat(signer.authorization("PUT", path, "", headers, payload, WHEN)).endsWith(
                "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void pathEncodingKeepsUnreservedCharactersAndSlashesOnly() {
        assertThat(SigV4.encodePath("/media_attachments/ab/x-y.z~1.jpg")).isEqualTo("/media_attachments/ab/x-y.z~1.jpg");
        assertThat(SigV4.encodePath("/a b+c/ä")).isEqualTo("/a%20b%2Bc/%C3%A4");
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(signer.toString()).contains(ACCESS).doesNotContain(SECRET);
    }
}
