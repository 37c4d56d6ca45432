package social.herd.media.impl;

/** A file sent in a multipart form. */
public record Upload(String filename, String contentType, byte[] bytes) {}
