# Shared by the end-to-end checks that put nginx in front of Hromada
# (scripts/e2e-nginx.sh, scripts/e2e-two-instances.sh); sourced after
# scripts/lib/e2e-common.sh, not run. Installs what is missing from Debian,
# makes a throwaway CA-less self-signed certificate, renders the shipped site
# deploy/nginx/hromada.conf with loopback ports and the given upstreams, and
# runs nginx in the foreground of a background job (its own pid, logs and
# temp folders under $WORK/nginx; no systemd). Also starts and stops extra
# Hromada instances, each with its own pid, port and log.

# Installs the Debian packages whose commands are missing: pairs of
# "command:package". Quiet, and only once per machine.
e2e_apt_install() {
  local want=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || want+=("${pair#*:}")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  echo "# installing ${want[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq --no-install-recommends "${want[@]}" >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; return 1; }
}

# A Debian python module for /usr/bin/python3 (the websockets client):
# "module:package".
e2e_apt_python() {
  /usr/bin/python3 -c "import ${1%%:*}" 2>/dev/null && return 0
  echo "# installing ${1#*:} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq --no-install-recommends "${1#*:}" >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; return 1; }
}

# A self-signed certificate for 127.0.0.1 and localhost: $NGX/cert.pem,
# $NGX/key.pem. Clients trust it as their CA (curl --cacert, SSL_CERT_FILE).
nginx_certificate() {
  NGX=$WORK/nginx
  mkdir -p "$NGX/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$NGX/key.pem" -out "$NGX/cert.pem" >"$NGX/openssl.log" 2>&1
}

# Renders deploy/nginx/hromada.conf into $NGX/site.conf with loopback ports
# (HTTP_PORT, HTTPS_PORT) and the given upstream "host:port"s, and a main
# $NGX/nginx.conf around it. Fails if a substitution did not take.
nginx_render() { # upstream host:port...
  HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
  local servers="" upstream
  for upstream in "$@"; do servers+="    server $upstream max_fails=3 fail_timeout=10s;\n"; done
  sed -e "s|^\(\s*\)listen 80;|\1listen 127.0.0.1:$HTTP_PORT;|" \
      -e "s|^\(\s*\)listen 443 ssl http2;|\1listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
      -e '/listen \[::\]/d' \
      -e "s|return 301 https://\$host\$request_uri;|return 301 https://\$host:$HTTPS_PORT\$request_uri;|" \
      -e "s|ssl_certificate /.*;|ssl_certificate $NGX/cert.pem;|" \
      -e "s|ssl_certificate_key /.*;|ssl_certificate_key $NGX/key.pem;|" \
      -e "s|access_log /var/log/nginx/hromada.access.log|access_log $NGX/access.log|" \
      -e "s|error_log /var/log/nginx/hromada.error.log;|error_log $NGX/error.log;|" \
      -e "s|^\s*server 127.0.0.1:8080 .*;|$servers|" \
      deploy/nginx/hromada.conf >"$NGX/site.conf"
  if grep -nE 'listen (80|443)|/etc/letsencrypt|/var/log/nginx|127\.0\.0\.1:8080|https://\$host\$' "$NGX/site.conf"; then
    echo "deploy/nginx/hromada.conf changed in a way scripts/lib/e2e-nginx.sh does not render"; return 1
  fi
  # As root, nginx's workers would otherwise run as nobody, who cannot write
  # the request bodies it buffers into this private folder.
  local user=""; [ "$(id -u)" = 0 ] && user="user root;"
  cat >"$NGX/nginx.conf" <<EOF
$user
worker_processes 1;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    include $NGX/site.conf;
}
EOF
}

nginx_test() { nginx -t -q -e "$NGX/error.log" -p "$NGX" -c "$NGX/nginx.conf" >"$NGX/test.log" 2>&1; }

# Starts nginx (NGINX_PID) and waits until it answers on HTTPS.
nginx_start() {
  nginx -e "$NGX/error.log" -p "$NGX" -c "$NGX/nginx.conf" >>"$NGX/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null --cacert "$NGX/cert.pem" "https://127.0.0.1:$HTTPS_PORT/livez" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

nginx_stop() {
  [ -n "${NGINX_PID:-}" ] || return 0
  kill -QUIT "$NGINX_PID" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$NGINX_PID" 2>/dev/null
  wait "$NGINX_PID" 2>/dev/null
  NGINX_PID=""
}

# Two tests as one, for check: both TEST1... -- TEST2...
both() {
  local first=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do first+=("$1"); shift; done
  shift
  "${first[@]}" && "$@"
}

# curl through nginx over HTTPS, trusting the throwaway certificate.
ncurl() { curl -s --cacert "$NGX/cert.pem" "$@"; }

# A Hromada instance of its own: start_instance NAME DATABASE PORT extra args...
# Sets PID_<NAME>; logs to $WORK/NAME.log. The environment (HROMADA_*) is the
# caller's; E2E_LAUNCH, if set, is a command the binary is run through (it
# must exec it, so that the pid is the server's).
E2E_LAUNCH=()
start_instance() {
  local name=$1 db=$2 port=$3; shift 3
  "${E2E_LAUNCH[@]}" "$BIN" serve --database "$db" --port "$port" "$@" >>"$WORK/$name.log" 2>&1 &
  printf -v "PID_$name" %s $!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$(eval echo "\$PID_$name")" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

kill_instance() { # name, signal
  local pid; pid=$(eval echo "\${PID_$1:-}")
  [ -n "$pid" ] || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  printf -v "PID_$1" %s ""
}
