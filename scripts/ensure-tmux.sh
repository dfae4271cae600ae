#!/usr/bin/env bash
# Installs tmux when it is missing (used by .ci/run and the README's set-up commands).
set -euo pipefail
if command -v tmux >/dev/null 2>&1; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
    echo "tmux is missing and this user cannot install packages: install tmux, then retry" >&2
    exit 1
  fi
fi
if command -v apt-get >/dev/null 2>&1; then
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq tmux
elif command -v brew >/dev/null 2>&1; then
  brew install tmux
elif command -v dnf >/dev/null 2>&1; then
  "${as_root[@]}" dnf install -y tmux
elif command -v pacman >/dev/null 2>&1; then
  "${as_root[@]}" pacman -S --noconfirm tmux
elif command -v apk >/dev/null 2>&1; then
  "${as_root[@]}" apk add tmux
else
  echo "tmux is missing and no known package manager was found: install tmux, then retry" >&2
  exit 1
fi
tmux -V
