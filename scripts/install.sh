#!/usr/bin/env bash
# Makes this machine ready for codex-orchestrator: tmux, Node.js >= 20 and the Codex CLI, then runs
# this checkout's own `bin/codex-agent health`. Safe to run again: what is present is left alone.
# Codex is never looked for here: `codex-agent health` finds it and judges its version, and its
# tested range (defined once, in src) names the Codex version this script installs.
# Written for bash 3.2 too (macOS's /bin/bash): no associative arrays, no bare "${empty[@]}".
set -euo pipefail

readonly NODE_MIN_MAJOR=20
readonly CODEX_NPM_PACKAGE='@openai/codex'
readonly SYSTEM_PMS='apt-get dnf pacman apk'

usage() {
  cat <<EOF
Usage: scripts/install.sh [--check] [--only tmux] [--help]
       scripts/install.sh --aliases [--remove]

Makes this machine ready for codex-orchestrator (Linux or macOS):
  tmux            installed with the package manager found first: brew on macOS; apt-get, dnf,
                  pacman or apk on Linux (brew there too when it is the only one, or when this
                  user cannot become root)
  Node.js >= $NODE_MIN_MAJOR    installed with the same package manager when it offers a new enough
                  version; otherwise the script stops and points to https://nodejs.org/ or nvm
  Codex CLI       found by bin/codex-agent health (CODEX_AGENT_CODEX_BIN, else PATH, else this
                  package's own Codex) and left alone when found; otherwise
                  npm install -g $CODEX_NPM_PACKAGE@NEWEST, NEWEST being the upper end of the
                  tested range that health reports (the newest tested Codex)
then it runs this checkout's bin/codex-agent health and tells you to run \`codex login\` when
the Codex that health found has no login. Nothing is downloaded except through the package
manager and npm. Items already present are left alone, so a second run changes nothing.

Package managers need root: the script uses sudo only when it is not root, and stops with a
message when it would need root and has no sudo.

Options:
  --check   only report each item (ok / missing / too old, with versions; Codex as
            codex-agent health finds it); install nothing.
            Exit 0 when tmux, Node.js and Codex are all present, 1 otherwise.
  --only tmux  handle tmux alone (what CI and the README's set-up commands need); no health run
  --aliases   only write the user-level Claude Code commands /codex-start, /codex-await and
              /prd (in \$CLAUDE_CONFIG_DIR/commands, default ~/.claude/commands), which do
              what the plugin's /codex-orchestrator:... commands do: Claude Code answers to
              plugin commands only by their qualified names. A file there that this script
              did not write is never overwritten (the script stops and says so); its own are
              updated. Installs nothing else.
  --aliases --remove  delete those of the three that this script wrote; leave any other alone
  -h, --help  show this help

Environment:
  CODEX_AGENT_INSTALL_DRY_RUN=1   print the exact install commands (as "dry run: COMMAND")
                                  instead of running them; nothing is changed
  CODEX_AGENT_INSTALL_UNAME=NAME  use NAME instead of \`uname -s\` to pick the platform (for tests)
  CODEX_AGENT_CODEX_BIN           the Codex binary codex-agent (and so its health) uses
  CODEX_HOME                      where Codex keeps its login (default ~/.codex)

Exit status: 0 ready (or, with --check, all present); 1 something is missing, could not be
installed, or the platform is unsupported; 2 bad usage.
EOF
}

say() { printf '%s\n' "$*"; }
err() { printf 'error: %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
is_dry_run() { [ "${CODEX_AGENT_INSTALL_DRY_RUN:-}" = 1 ]; }
add_word() { printf '%s' "${1:+$1, }$2"; } # add_word LIST WORD: "a, b" + c

# Prints a command the way a shell would read it back.
quote_cmd() {
  local out='' arg q
  for arg in "$@"; do
    printf -v q '%q' "$arg"
    out="${out:+$out }$q"
  done
  printf '%s' "$out"
}

# major_at_least VERSION MIN: VERSION (v20.1.0, 20.1.0, 1:20.1.0-1) has a major version >= MIN.
major_at_least() {
  [[ $1 =~ ^v?([0-9]+:)?([0-9]+)(\.|$) ]] || return 1
  [ "${BASH_REMATCH[2]}" -ge "$2" ]
}

# ---------------------------------------------------------------------------------------------
# Arguments, platform, privileges, package manager

CHECK_ONLY=0
ONLY=''
ALIASES=0
REMOVE=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --check) CHECK_ONLY=1 ;;
    --aliases) ALIASES=1 ;;
    --remove) REMOVE=1 ;;
    --only)
      [ "${2:-}" = tmux ] || { err "--only takes: tmux"; exit 2; }
      ONLY=tmux
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) err "unknown argument: $1 (see --help)"; exit 2 ;;
  esac
  shift
done
if [ "$REMOVE" = 1 ] && [ "$ALIASES" != 1 ]; then
  err "--remove goes with --aliases (see --help)"
  exit 2
fi
if [ "$ALIASES" = 1 ] && { [ "$CHECK_ONLY" = 1 ] || [ -n "$ONLY" ]; }; then
  err "--aliases takes no other option than --remove (see --help)"
  exit 2
fi

script_path=${BASH_SOURCE[0]}
case $script_path in
  */*) script_dir=${script_path%/*} ;;
  *) script_dir=. ;;
esac
REPO_ROOT=$(cd -- "$script_dir/.." && pwd)
AGENT_BIN=$REPO_ROOT/bin/codex-agent

# ---------------------------------------------------------------------------------------------
# --aliases: user-level commands with the short names users expect. Each is the plugin command's
# own file with a marker line added to its frontmatter (a YAML comment, never shown to the
# model), so the script knows its own files and never touches anyone else's.

readonly ALIAS_NAMES='codex-start codex-await prd'
readonly ALIAS_MARK='# codex-orchestrator alias'
readonly ALIAS_MARK_LINE="$ALIAS_MARK: written by scripts/install.sh --aliases; scripts/install.sh --aliases --remove deletes it"

# Is FILE one this script wrote: a regular file (not a link) whose second line is the marker?
is_our_alias() {
  [ -f "$1" ] && [ ! -L "$1" ] || return 1
  local first='' second=''
  { IFS= read -r first && IFS= read -r second; } <"$1" || return 1
  [ "$first" = --- ] && [[ $second == "$ALIAS_MARK:"* ]]
}

# Prints the alias for plugin command SOURCE: its frontmatter with the marker line first.
render_alias() {
  local first=''
  IFS= read -r first <"$1" || true
  [ "$first" = --- ] || return 1
  printf '%s\n%s\n' --- "$ALIAS_MARK_LINE"
  tail -n +2 "$1"
}

aliases_main() {
  local base=${CLAUDE_CONFIG_DIR:-}
  if [ -z "$base" ]; then
    [ -n "${HOME:-}" ] || { err "cannot place the aliases: neither CLAUDE_CONFIG_DIR nor HOME is set"; return 1; }
    base=$HOME/.claude
  fi
  local dir=$base/commands name dst foreign=''
  if [ "$REMOVE" = 1 ]; then
    for name in $ALIAS_NAMES; do
      dst=$dir/$name.md
      if [ ! -e "$dst" ] && [ ! -L "$dst" ]; then
        say "alias /$name: not present ($dst)"
      elif ! is_our_alias "$dst"; then
        say "alias /$name: left alone ($dst was not written by this script)"
      elif is_dry_run; then
        say "dry run: remove $dst"
      else
        rm -f -- "$dst" || { err "could not remove $dst"; return 1; }
        say "alias /$name: removed ($dst)"
      fi
    done
    return 0
  fi
  # Check everything before writing anything: a refusal leaves every file as it was.
  for name in $ALIAS_NAMES; do
    [ -f "$REPO_ROOT/commands/$name.md" ] || { err "cannot write the aliases: $REPO_ROOT/commands/$name.md is missing (is this a complete codex-orchestrator checkout?)"; return 1; }
    dst=$dir/$name.md
    if { [ -e "$dst" ] || [ -L "$dst" ]; } && ! is_our_alias "$dst"; then foreign=$(add_word "$foreign" "$dst"); fi
  done
  if [ -n "$foreign" ]; then
    err "not writing the aliases, nothing was changed; not written by this script: $foreign (move it away, or keep it and type the /codex-orchestrator:... names)"
    return 1
  fi
  if is_dry_run; then
    for name in $ALIAS_NAMES; do say "dry run: write $dir/$name.md"; done
    return 0
  fi
  mkdir -p -- "$dir" || { err "cannot create $dir"; return 1; }
  local tmp state
  for name in $ALIAS_NAMES; do
    dst=$dir/$name.md
    tmp=$(mktemp "$dir/.$name.md.XXXXXX") || { err "cannot write in $dir"; return 1; }
    if ! render_alias "$REPO_ROOT/commands/$name.md" >"$tmp"; then
      rm -f -- "$tmp"
      err "cannot write the alias /$name: $REPO_ROOT/commands/$name.md has no frontmatter"
      return 1
    fi
    if [ -f "$dst" ] && cmp -s -- "$tmp" "$dst"; then
      rm -f -- "$tmp"
      say "alias /$name: up to date ($dst)"
      continue
    fi
    state=written
    [ -e "$dst" ] && state=updated
    chmod 644 "$tmp" && mv -f -- "$tmp" "$dst" || { rm -f -- "$tmp"; err "could not write $dst"; return 1; }
    say "alias /$name: $state ($dst)"
  done
  say "aliases ready: /codex-start, /codex-await and /prd answer in new Claude Code sessions; scripts/install.sh --aliases --remove takes them away"
}

if [ "$ALIASES" = 1 ]; then
  aliases_main
  exit
fi

OS=${CODEX_AGENT_INSTALL_UNAME:-}
if [ -z "$OS" ]; then
  OS=$(uname -s 2>/dev/null) || OS=unknown
fi
case $OS in
  Linux | Darwin) ;;
  *)
    err "unsupported platform: $OS. codex-orchestrator's installer supports Linux and macOS only;" \
      "install tmux, Node.js >= $NODE_MIN_MAJOR and the Codex CLI ($CODEX_NPM_PACKAGE) yourself, then run bin/codex-agent health"
    exit 1
    ;;
esac

USER_ID=$(id -u 2>/dev/null) || USER_ID=${EUID:-}
IS_ROOT=0
[ "$USER_ID" = 0 ] && IS_ROOT=1
HAVE_SUDO=0
have sudo && HAVE_SUDO=1
can_be_root() { [ "$IS_ROOT" = 1 ] || [ "$HAVE_SUDO" = 1 ]; }

# A root shell without a terminal (CI, a container build) must not stop at a debconf question.
if [ "$IS_ROOT" = 1 ] && [ ! -t 0 ] && [ -z "${DEBIAN_FRONTEND:-}" ]; then
  export DEBIAN_FRONTEND=noninteractive
fi

PM=''
PM_NEEDS_ROOT=0
if [ "$OS" = Darwin ]; then
  have brew && PM=brew
else
  for candidate in $SYSTEM_PMS; do
    if have "$candidate"; then
      PM=$candidate
      PM_NEEDS_ROOT=1
      break
    fi
  done
  # Homebrew on Linux runs as the user: prefer it when it is alone, or when root is out of reach.
  if have brew && { [ -z "$PM" ] || ! can_be_root; }; then
    PM=brew
    PM_NEEDS_ROOT=0
  fi
fi

# ---------------------------------------------------------------------------------------------
# Running (or, in a dry run, printing) commands

ACTIONS=0      # install commands run or printed
APT_UPDATED=0

# run_cmd NEEDS_ROOT COMMAND...: runs COMMAND, prefixed with sudo when it needs root and this user
# is not root (callers check can_be_root first). In a dry run, prints it instead.
run_cmd() {
  local needs_root=$1
  shift
  local -a full
  if [ "$needs_root" = 1 ] && [ "$IS_ROOT" != 1 ]; then
    full=(sudo "$@")
  else
    full=("$@")
  fi
  ACTIONS=$((ACTIONS + 1))
  if is_dry_run; then
    say "dry run: $(quote_cmd "${full[@]}")"
    return 0
  fi
  say "running: $(quote_cmd "${full[@]}")"
  local rc=0
  "${full[@]}" || rc=$?
  [ "$rc" = 0 ] || err "command failed (exit $rc): $(quote_cmd "${full[@]}")"
  return "$rc"
}

# Checks that the package manager can be used for WHAT; prints why not and fails otherwise.
pm_usable() {
  local what=$1
  if [ -z "$PM" ]; then
    if [ "$OS" = Darwin ]; then
      err "cannot install $what: Homebrew (brew) was not found. Install Homebrew (https://brew.sh) or install $what yourself, then rerun this script"
    else
      err "cannot install $what: no supported package manager found (looked for apt-get, dnf, pacman, apk, brew). Install $what yourself, then rerun this script"
    fi
    return 1
  fi
  if [ "$PM_NEEDS_ROOT" = 1 ] && ! can_be_root; then
    err "cannot install $what: $PM needs root, this user (uid $USER_ID) is not root and sudo is not available. Rerun as root, or install $what yourself, then rerun this script"
    return 1
  fi
}

apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  APT_UPDATED=1
  run_cmd 1 apt-get update
}

# pm_install WHAT PACKAGE...: installs PACKAGE... with the chosen package manager.
pm_install() {
  local what=$1
  shift
  pm_usable "$what" || return 1
  case $PM in
    brew) run_cmd 0 brew install "$@" ;;
    apt-get) apt_update_once && run_cmd 1 apt-get install -y "$@" ;;
    dnf) run_cmd 1 dnf install -y "$@" ;;
    pacman) run_cmd 1 pacman -S --noconfirm --needed "$@" ;;
    apk) run_cmd 1 apk add "$@" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Checks. Each sets <ITEM>_AT (where) and <ITEM>_VER (version) and returns 0 when the item is
# usable. (Not NODE_PATH: Node reads that variable.)

report() { # report ITEM STATUS DETAIL
  say "$1: $2${3:+ ($3)}"
}

TMUX_AT='' TMUX_VER=''
check_tmux() {
  TMUX_AT='' TMUX_VER=''
  TMUX_AT=$(command -v tmux 2>/dev/null) || { TMUX_AT=''; return 1; }
  local out
  out=$(tmux -V 2>/dev/null) || out=''
  TMUX_VER=${out#tmux }
  TMUX_VER=${TMUX_VER:-unknown version}
}

NODE_AT='' NODE_VER=''
check_node() { # 0 ok, 1 missing, 2 too old
  NODE_AT='' NODE_VER=''
  NODE_AT=$(command -v node 2>/dev/null) || { NODE_AT=''; return 1; }
  NODE_VER=$(node --version 2>/dev/null) || NODE_VER=''
  major_at_least "$NODE_VER" "$NODE_MIN_MAJOR" && return 0
  NODE_VER=${NODE_VER:-unknown version}
  return 2
}

NPM_AT='' NPM_VER=''
check_npm() {
  NPM_AT='' NPM_VER=''
  NPM_AT=$(command -v npm 2>/dev/null) || { NPM_AT=''; return 1; }
  NPM_VER=$(npm --version 2>/dev/null) || NPM_VER='unknown version'
}

# Codex is found, and its version judged, by this checkout's own `codex-agent health --json` (the
# CLI that will run it: CODEX_AGENT_CODEX_BIN, else PATH, else this package's own Codex), never
# here. Its report also holds the tested range ("0.169.x-0.171.x"), whose one definition is in
# src (CODEX_TESTED); the upper end is the version this script installs. Values are passed back
# NUL-separated, so no report text is ever read as shell.
readonly HEALTH_CODEX_JS='
let s = "";
process.stdin.on("data", (d) => (s += d)).on("end", () => {
  const h = JSON.parse(s);
  const c = h.agents.codex;
  const check = (name) => h.checks.find((x) => x.name === name) || {};
  if (!c || typeof c.tested_range !== "string") process.exit(1);
  const judged = check("codex version");
  const inRange = judged.detail === undefined ? "" : judged.warning ? "no" : "yes";
  const fields = [c.path, c.source, c.version, c.tested_range, check("codex").detail, judged.detail, inRange];
  process.stdout.write(fields.map((f) => (f == null ? "" : String(f))).join("\0") + "\0");
});'
readonly TESTED_RANGE_RE='^([0-9]+(\.[0-9]+)*)\.x(-([0-9]+(\.[0-9]+)*)\.x)?$'

CODEX_AT='' CODEX_FROM='' CODEX_VER='' CODEX_RANGE='' CODEX_DETAIL='' CODEX_RANGE_NOTE='' CODEX_IN_RANGE=''
CODEX_NEWEST_TESTED=''
# 0 health found a Codex that reports a version, 1 it found none, 3 it found one without a
# version, 4 no usable report (each error already printed).
ask_health_codex() {
  CODEX_AT='' CODEX_FROM='' CODEX_VER='' CODEX_RANGE='' CODEX_DETAIL='' CODEX_RANGE_NOTE='' CODEX_IN_RANGE=''
  CODEX_NEWEST_TESTED=''
  local json
  # health exits 1 when something is missing (Codex too), and still prints its report.
  json=$(node "$AGENT_BIN" health --json 2>/dev/null) || true
  if ! {
    IFS= read -r -d '' CODEX_AT && IFS= read -r -d '' CODEX_FROM && IFS= read -r -d '' CODEX_VER &&
      IFS= read -r -d '' CODEX_RANGE && IFS= read -r -d '' CODEX_DETAIL && IFS= read -r -d '' CODEX_RANGE_NOTE &&
      IFS= read -r -d '' CODEX_IN_RANGE
  } < <(printf '%s' "$json" | node -e "$HEALTH_CODEX_JS" 2>/dev/null); then
    err "codex: node $AGENT_BIN health --json gave no report; run node bin/codex-agent health to see why"
    return 4
  fi
  if ! [[ $CODEX_RANGE =~ $TESTED_RANGE_RE ]]; then
    err "codex: cannot read the tested Codex range from codex-agent health --json (got \"$CODEX_RANGE\")"
    return 4
  fi
  CODEX_NEWEST_TESTED=${BASH_REMATCH[4]:-${BASH_REMATCH[1]}}
  [ -n "$CODEX_AT" ] || return 1
  [ -n "$CODEX_VER" ] || return 3
}

# Is Codex logged in? Uses `codex login status` (exit 0 when logged in) where this Codex has it,
# else looks for $CODEX_HOME/auth.json or OPENAI_API_KEY.
codex_logged_in() {
  local help pattern=$'(^|\n)[[:space:]]+status[[:space:]]'
  help=$("$CODEX_AT" login --help 2>/dev/null) || help=''
  if [[ $help =~ $pattern ]]; then
    "$CODEX_AT" login status >/dev/null 2>&1
    return
  fi
  [ -f "${CODEX_HOME:-$HOME/.codex}/auth.json" ] || [ -n "${OPENAI_API_KEY:-}" ]
}

# Does `npm install -g` need root? Looks at whether npm's global folders are writable.
npm_global_needs_root() {
  [ "$IS_ROOT" = 1 ] && return 1
  if [ -z "$NPM_AT" ]; then
    # npm itself is about to come from the package manager, so its prefix is a system folder.
    [ "$PM_NEEDS_ROOT" = 1 ]
    return
  fi
  local prefix dir
  prefix=$(npm prefix -g 2>/dev/null) || prefix=''
  [ -n "$prefix" ] || return 0
  for dir in "$prefix/lib/node_modules" "$prefix/bin"; do
    while [ ! -e "$dir" ] && [ "$dir" != "${dir%/*}" ] && [ -n "${dir%/*}" ]; do
      dir=${dir%/*}
    done
    [ -w "$dir" ] || return 0
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Steps

FAILED=''     # items that are missing or could not be installed
INSTALLED=''  # items installed (or, in a dry run, that would be)
fail_item() { FAILED=$(add_word "$FAILED" "$1"); }
installed_item() { INSTALLED=$(add_word "$INSTALLED" "$1"); }

step_tmux() {
  if check_tmux; then
    report tmux ok "$TMUX_VER at $TMUX_AT"
    return 0
  fi
  report tmux missing "not on PATH"
  if [ "$CHECK_ONLY" = 1 ]; then fail_item tmux; return 0; fi
  if ! pm_install tmux tmux; then fail_item tmux; return 0; fi
  installed_item tmux
  is_dry_run && return 0
  hash -r
  if check_tmux; then
    report tmux ok "installed $TMUX_VER at $TMUX_AT"
  else
    err "tmux: $PM finished but tmux is still not on PATH"
    fail_item tmux
  fi
}

node_help() {
  printf '%s' "install Node.js $NODE_MIN_MAJOR or newer from https://nodejs.org/ (or with nvm: https://github.com/nvm-sh/nvm), make sure it comes first on PATH, then rerun this script"
}

# The version apt-get would install for PACKAGE ("" when unknown, "(none)" when it has none).
apt_candidate() {
  have apt-cache || return 0
  local line
  while IFS= read -r line; do
    if [[ $line =~ ^[[:space:]]*Candidate:[[:space:]]*(.+)$ ]]; then
      printf '%s' "${BASH_REMATCH[1]}"
      return 0
    fi
  done < <(apt-cache policy "$1" 2>/dev/null || true)
}

install_node() {
  pm_usable "Node.js" || { err "$(node_help)"; return 1; }
  if [ "$PM" = apt-get ]; then
    apt_update_once || return 1
    local candidate
    candidate=$(apt_candidate nodejs)
    if [ -n "$candidate" ] && ! major_at_least "$candidate" "$NODE_MIN_MAJOR"; then
      if is_dry_run && [ "$candidate" = '(none)' ]; then
        say "note: apt-get's package lists offer no nodejs yet; a real run checks again after apt-get update and stops if they still offer none"
      else
        local offer="offers nodejs $candidate, older than $NODE_MIN_MAJOR"
        [ "$candidate" = '(none)' ] && offer='has no nodejs package'
        err "apt-get $offer: $(node_help) (NodeSource's apt repository also has current versions)"
        return 1
      fi
    fi
  fi
  case $PM in
    brew) pm_install "Node.js" node ;;
    *) pm_install "Node.js" nodejs ;;
  esac
}

step_node() {
  local rc=0
  check_node || rc=$?
  case $rc in
    0) report node ok "$NODE_VER at $NODE_AT; needs >= $NODE_MIN_MAJOR"; return 0 ;;
    1) report node missing "not on PATH; needs >= $NODE_MIN_MAJOR" ;;
    *) report node "too old" "$NODE_VER at $NODE_AT; needs >= $NODE_MIN_MAJOR" ;;
  esac
  if [ "$CHECK_ONLY" = 1 ]; then fail_item node; return 0; fi
  if ! install_node; then fail_item node; return 0; fi
  installed_item node
  is_dry_run && return 0
  hash -r
  rc=0
  check_node || rc=$?
  if [ "$rc" = 0 ]; then
    report node ok "installed $NODE_VER at $NODE_AT"
  else
    err "node: after installing, ${NODE_AT:-node} is ${NODE_VER:-still missing}: $(node_help)"
    fail_item node
  fi
}

install_codex() {
  if ! check_npm; then
    report npm missing "needed to install Codex"
    if is_dry_run && [ "$PM" = brew ] && [[ $INSTALLED == *node* ]]; then
      : # Homebrew's node brings npm.
    else
      pm_install npm npm || return 1
      if ! is_dry_run; then
        hash -r
        check_npm || { err "npm: $PM finished but npm is still not on PATH"; return 1; }
      fi
    fi
  else
    report npm ok "$NPM_VER at $NPM_AT"
  fi
  local needs_root=0
  if npm_global_needs_root; then
    needs_root=1
    if ! can_be_root; then
      err "cannot install Codex: npm's global folder is not writable by this user (uid $USER_ID) and sudo is not available. Rerun as root, or point npm at a folder you own (npm config set prefix ~/.local, with ~/.local/bin on PATH), then rerun this script"
      return 1
    fi
  fi
  run_cmd "$needs_root" npm install -g "$CODEX_NPM_PACKAGE@$CODEX_NEWEST_TESTED"
}

# The codex line: what health found, with its verdict on the version.
report_codex_found() { # report_codex_found PREFIX
  report codex ok "$1$CODEX_VER at $CODEX_AT, from $CODEX_FROM; ${CODEX_RANGE_NOTE:-tested range $CODEX_RANGE}"
  if [ "$CODEX_IN_RANGE" != yes ]; then
    say "note: the newest tested Codex: npm install -g $CODEX_NPM_PACKAGE@$CODEX_NEWEST_TESTED (this script leaves a present Codex alone)"
  fi
}

step_codex() {
  if [ ! -f "$AGENT_BIN" ]; then
    report codex "not checked" "$AGENT_BIN is missing"
    err "cannot run codex-agent health: $AGENT_BIN is missing (is this a complete codex-orchestrator checkout?)"
    fail_item codex
    return 0
  fi
  if ! check_node; then
    report codex "not checked" "codex-agent health finds Codex, and needs Node.js >= $NODE_MIN_MAJOR"
    if is_dry_run && [[ $INSTALLED == *node* ]]; then
      say "note: a real run installs Node.js first, then asks codex-agent health for Codex and, when it finds none, installs the newest tested version with npm install -g $CODEX_NPM_PACKAGE@VERSION"
    elif [ "$CHECK_ONLY" != 1 ]; then
      fail_item codex
    fi
    return 0
  fi
  local rc=0
  ask_health_codex || rc=$?
  case $rc in
    0) report_codex_found ''; return 0 ;;
    1)
      local looked=''
      [ -n "${CODEX_AGENT_CODEX_BIN:-}" ] && looked="; it looks only at CODEX_AGENT_CODEX_BIN=$CODEX_AGENT_CODEX_BIN"
      report codex missing "codex-agent health: $CODEX_DETAIL$looked"
      ;;
    3) report codex broken "codex-agent health: $CODEX_DETAIL" ;;
    *) fail_item codex; return 0 ;;
  esac
  if [ "$CHECK_ONLY" = 1 ]; then
    # Say how it would be installed, since that needs npm.
    if check_npm; then
      report npm ok "$NPM_VER at $NPM_AT; installs Codex $CODEX_NEWEST_TESTED, the newest tested"
    else
      report npm missing "needed to install Codex"
    fi
    fail_item codex
    return 0
  fi
  if [ -n "${CODEX_AGENT_CODEX_BIN:-}" ]; then
    err "codex: CODEX_AGENT_CODEX_BIN is set, so codex-agent uses that binary and not an npm install: fix or unset it, then rerun this script"
    fail_item codex
    return 0
  fi
  if ! install_codex; then fail_item codex; return 0; fi
  installed_item codex
  is_dry_run && return 0
  hash -r
  rc=0
  ask_health_codex || rc=$?
  if [ "$rc" = 0 ]; then
    report_codex_found 'installed '
  elif [ "$rc" != 4 ]; then
    local prefix
    prefix=$(npm prefix -g 2>/dev/null) || prefix='(npm prefix -g)'
    err "codex: npm installed $CODEX_NPM_PACKAGE@$CODEX_NEWEST_TESTED but codex-agent health still says: $CODEX_DETAIL. Put $prefix/bin on PATH, ahead of any other codex, then rerun this script"
    fail_item codex
  else
    fail_item codex
  fi
}

step_login() {
  # Only a present, working Codex can be asked; a missing one is reported already.
  [ -n "$CODEX_VER" ] || return 0
  if codex_logged_in; then
    report "codex login" ok
  else
    report "codex login" "not logged in" "run: codex login; with an API key: printenv OPENAI_API_KEY | codex login --with-api-key"
  fi
}

# ---------------------------------------------------------------------------------------------
# Main

pm_desc=${PM:-none found}
if [ "$PM_NEEDS_ROOT" = 1 ]; then
  if [ "$IS_ROOT" = 1 ]; then pm_desc="$pm_desc, as root"
  elif [ "$HAVE_SUDO" = 1 ]; then pm_desc="$pm_desc, with sudo"
  else pm_desc="$pm_desc, needs root: no sudo"
  fi
fi
mode=install
[ "$CHECK_ONLY" = 1 ] && mode=check
is_dry_run && [ "$CHECK_ONLY" != 1 ] && mode='install (dry run: commands are printed, not run)'
say "codex-orchestrator $mode on $OS; package manager: $pm_desc"

step_tmux
if [ "$ONLY" != tmux ]; then
  step_node
  step_codex
  step_login
fi

summary="tmux ${TMUX_VER:-?}, node ${NODE_VER:-?}, codex ${CODEX_VER:-?}"
[ "$ONLY" = tmux ] && summary="tmux ${TMUX_VER:-?}"

if [ "$CHECK_ONLY" = 1 ]; then
  if [ -z "$FAILED" ]; then
    say "all present: $summary"
    exit 0
  fi
  say "missing or too old: $FAILED (run scripts/install.sh to install)"
  exit 1
fi

if [ -n "$FAILED" ]; then
  if [ -n "$INSTALLED" ]; then
    if is_dry_run; then say "dry run over: would install $INSTALLED; nothing was changed"; else say "installed: $INSTALLED"; fi
  fi
  err "not ready: $FAILED (see the messages above)"
  exit 1
fi

if [ "$ACTIONS" -gt 0 ] && is_dry_run; then
  say "dry run over: would install $INSTALLED; nothing was changed"
  exit 0
fi

if [ "$ACTIONS" -eq 0 ]; then
  say "everything is present: $summary; nothing to install"
else
  say "installed: $INSTALLED"
fi

[ "$ONLY" = tmux ] && exit 0

if [ ! -f "$AGENT_BIN" ]; then
  err "cannot run codex-agent health: $AGENT_BIN is missing (is this a complete codex-orchestrator checkout?)"
  exit 1
fi
say "codex-agent health:"
if ! node "$AGENT_BIN" health; then
  err "codex-agent health found problems (above)"
  exit 1
fi
