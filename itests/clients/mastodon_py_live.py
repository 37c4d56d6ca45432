"""Media, polls, notifications and live streaming (SSE) with Mastodon.py against a running Herd.

usage: python3 mastodon_py_live.py BASE_URL AUTHOR_EMAIL AUTHOR_PASSWORD READER_EMAIL READER_PASSWORD
Prints one JSON object with what the clients saw; the Java test asserts on it.
"""
import json
import struct
import sys
import threading
import time
import zlib

from mastodon import Mastodon, StreamListener

base, a_email, a_password, b_email, b_password = sys.argv[1:6]
scopes = ["read", "write", "follow"]
client_id, client_secret = Mastodon.create_app("herd-live-py", api_base_url=base, scopes=scopes)


def session(email, password):
    m = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base)
    m.log_in(email, password, scopes=scopes)
    return m


def png(width, height):
    """A small real PNG, made here so the test needs no image files."""
    raw = b"".join(b"\x00" + bytes(v for x in range(width) for v in ((x * 7) % 256, (y * 5) % 256, 90))
                   for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


author = session(a_email, a_password)
reader = session(b_email, b_password)
me = author.account_verify_credentials()
reader_me = reader.account_verify_credentials()
reader.account_follow(me["id"])

media = author.media_post(png(64, 48), mime_type="image/png", description="a gradient", synchronous=True)
with_image = author.status_post("py picture", media_ids=[media["id"]])
poll = author.make_poll(["tea", "coffee"], expires_in=600)
with_poll = author.status_post("py poll", poll=poll)
reader.poll_vote(with_poll["poll"]["id"], [1])  # Mastodon.py 1.8 returns None here
voted = reader.poll(with_poll["poll"]["id"])
reader.status_favourite(with_image["id"])
reader.status_reblog(with_poll["id"])

# live: the reader listens on the user stream over SSE while the author posts and mentions them
seen = {"update": None, "notification": None}
arrived = threading.Event()


class Listener(StreamListener):
    def on_update(self, status):
        if "py live" in status["content"]:
            seen["update"] = status["content"]
        if seen["update"] and seen["notification"]:
            arrived.set()

    def on_notification(self, notification):
        if notification["type"] == "mention":
            seen["notification"] = notification["type"]
        if seen["update"] and seen["notification"]:
            arrived.set()


handle = reader.stream_user(Listener(), run_async=True, reconnect_async=False)
time.sleep(1.0)  # let the stream subscribe before posting
author.status_post("py live @%s" % reader_me["username"])
arrived.wait(20)
handle.close()

notifications = author.notifications()
print(json.dumps({
    "media_type": with_image["media_attachments"][0]["type"],
    "media_description": with_image["media_attachments"][0]["description"],
    "media_width": with_image["media_attachments"][0]["meta"]["original"]["width"],
    "poll_options": [o["title"] for o in with_poll["poll"]["options"]],
    "poll_votes": [o["votes_count"] for o in voted["options"]],
    "author_notifications": sorted({n["type"] for n in notifications}),
    "streamed_update": seen["update"],
    "streamed_notification": seen["notification"],
}))
