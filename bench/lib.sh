# Shared by bench/inbox.sh and bench/delivery.sh (sourced): a runtime copy on embedded defaults
# with one signed-in user. Needs $work (a temp dir) and the environment the caller exported.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# start_herd: copies distribution/target/herd to $work/herd, starts it on a free port, waits for
# readiness; sets base. Extra deploy/*.config files may be written by the caller after copy_herd.
copy_herd() { cp -r distribution/target/herd "$work/herd" && rm -rf "$work/herd/data/"*; }
start_herd() {
  export HERD_PORT=$(free_port)
  HERD_LOG_LEVEL=warn "$work/herd/bin/herd" run > "$work/herd.log" 2>&1 &
  base="http://127.0.0.1:$HERD_PORT"
  for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
}

# sign_in <username>: creates the user with the CLI and sets token to a password-grant token
sign_in() {
  local out password app
  out=$("$work/herd/bin/herd" accounts create "$1" --email "$1@example.com" --confirmed)
  password=$(echo "$out" | tail -n 1 | sed 's/New password: //')
  app=$(curl -sf -X POST "$base/api/v1/apps" -d 'client_name=bench&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read+write')
  token=$(curl -sf -X POST "$base/oauth/token" --data-urlencode grant_type=password --data-urlencode "scope=read write" \
    --data-urlencode "client_id=$(echo "$app" | json client_id)" --data-urlencode "client_secret=$(echo "$app" | json client_secret)" \
    --data-urlencode username="$1@example.com" --data-urlencode "password=$password" | json access_token)
}
