"""Drives a running Herd with Mastodon.py (Debian python3-mastodon), as a user's app would.

usage: python3 mastodon_py_flow.py BASE_URL EMAIL PASSWORD OTHER_ACCOUNT_ID
Prints one JSON object with what the client saw; the Java test asserts on it.
"""
import json
import sys

from mastodon import Mastodon

base, email, password, other_id = sys.argv[1:5]
scopes = ["read", "write", "follow"]

client_id, client_secret = Mastodon.create_app("herd-acceptance-py", api_base_url=base, scopes=scopes)
app = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base)
app.log_in(email, password, scopes=scopes)

me = app.account_verify_credentials()
updated = app.account_update_credentials(display_name="Py Person", note="Hello from Mastodon.py")
relationship = app.account_follow(other_id)
first_page = app.account_followers(other_id, limit=1)
second_page = app.fetch_next(first_page) or []

print(json.dumps({
    "username": me["username"],
    "display_name": updated["display_name"],
    "note": updated["note"],
    "following": relationship["following"],
    "first_page": [a["username"] for a in first_page],
    "second_page": [a["username"] for a in second_page],
}))
