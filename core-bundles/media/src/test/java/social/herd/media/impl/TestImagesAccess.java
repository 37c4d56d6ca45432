package social.herd.media.impl;

/** Lets tests in sub-packages use {@link TestImages}. */
public final class TestImagesAccess {

    private TestImagesAccess() {}

    public static byte[] withExif(byte[] jpeg, int orientation) {
        return TestImages.withExifGps(jpeg, orientation);
    }
}
