"""Posting and reading with Mastodon.py against a running Herd.

usage: python3 mastodon_py_statuses.py BASE_URL AUTHOR_EMAIL AUTHOR_PASSWORD READER_EMAIL READER_PASSWORD
Prints one JSON object with what the clients saw; the Java test asserts on it.
"""
import json
import sys

from mastodon import Mastodon

base, a_email, a_password, b_email, b_password = sys.argv[1:6]
scopes = ["read", "write", "follow"]
client_id, client_secret = Mastodon.create_app("herd-statuses-py", api_base_url=base, scopes=scopes)


def session(email, password):
    m = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base)
    m.log_in(email, password, scopes=scopes)
    return m


author = session(a_email, a_password)
reader = session(b_email, b_password)
me = author.account_verify_credentials()
reader.account_follow(me["id"])

posts = [author.status_post("py post %d #herdpy" % i) for i in range(1, 4)]
reply = reader.status_post("a reply from py", in_reply_to_id=posts[2]["id"])
faved = reader.status_favourite(posts[0]["id"])
reblog = reader.status_reblog(posts[1]["id"])
private = author.status_post("followers only", visibility="private")

home_first = reader.timeline_home(limit=2)
home_next = reader.fetch_next(home_first) or []
tag_first = reader.timeline_hashtag("herdpy", limit=2)
tag_next = reader.fetch_next(tag_first) or []
public = Mastodon(api_base_url=base).timeline_public(limit=40)
context = author.status_context(posts[2]["id"])

print(json.dumps({
    "content": posts[0]["content"],
    "favourites_count": faved["favourites_count"],
    "reblogged": reblog["reblog"]["id"] == posts[1]["id"],
    "home": [s["content"] for s in home_first] + [s["content"] for s in home_next],
    "tag": [s["content"] for s in tag_first] + [s["content"] for s in tag_next],
    "public_has_private": any(s["id"] == private["id"] for s in public),
    "descendants": [s["id"] for s in context["descendants"]],
    "reply_id": reply["id"],
}))
