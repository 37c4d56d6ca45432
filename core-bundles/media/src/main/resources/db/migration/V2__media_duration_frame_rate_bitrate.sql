-- Video and audio (types video, gifv, audio): what Mastodon shows in meta.original besides the size.
-- NULL for images. duration in seconds, frame_rate as ffprobe writes it ("30000/1001"), bitrate in bit/s.
ALTER TABLE media_attachments
    ADD COLUMN duration   double precision CHECK (duration >= 0),
    ADD COLUMN frame_rate text,
    ADD COLUMN bitrate    bigint CHECK (bitrate >= 0);
