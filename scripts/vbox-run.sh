#!/usr/bin/env bash
# Boots a tsuk image in VirtualBox, headless, with the serial console (COM1) written to a
# file that this script follows on the terminal; the VM is powered off and deleted at
# the end (Ctrl-C, the guest powering itself off, or VBOX_TIMEOUT), but the disk image is
# kept: it is detached and unregistered before the VM is deleted.
#
#   scripts/vbox-run.sh IMAGE.vdi [NAME]
#
# Environment: VBOX_MEMORY (MiB, default 64), VBOX_TIMEOUT (seconds, default 0 = no
# limit), VBOX_KEEP=1 to leave the VM registered (and running) for inspection.
# The VBoxManage commands are the ones docs/DEPLOY.md explains.
set -euo pipefail

usage() {
  echo "usage: $0 IMAGE.vdi [NAME]" >&2
  exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
command -v VBoxManage >/dev/null 2>&1 || {
  echo "$0: VBoxManage not found; install VirtualBox (https://www.virtualbox.org/wiki/Downloads)" >&2
  exit 127
}
[ -f "$1" ] || { echo "$0: no image file $1" >&2; exit 2; }

# VirtualBox wants absolute paths for the disk and the serial log.
IMAGE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
NAME="${2:-$(basename "$IMAGE" .vdi)}"
MEMORY="${VBOX_MEMORY:-64}"
TIMEOUT="${VBOX_TIMEOUT:-0}"
LOG="$PWD/$NAME-serial.log"

if VBoxManage showvminfo "$NAME" >/dev/null 2>&1; then
  echo "$0: a VM named $NAME already exists; pick another NAME or run: VBoxManage unregistervm $NAME --delete" >&2
  exit 1
fi

state() {
  VBoxManage showvminfo "$NAME" --machinereadable 2>/dev/null | sed -n 's/^VMState="\(.*\)"$/\1/p'
}

TAIL_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$TAIL_PID" ]; then kill "$TAIL_PID" 2>/dev/null || true; fi
  if [ "${VBOX_KEEP:-0}" = 1 ]; then
    echo "$0: VM $NAME kept (VBoxManage controlvm $NAME poweroff; VBoxManage unregistervm $NAME --delete)" >&2
    exit "$status"
  fi
  if [ "$(state)" = running ]; then
    VBoxManage controlvm "$NAME" poweroff >/dev/null 2>&1 || true
  fi
  # Wait for the session to be released before touching the configuration.
  for _ in $(seq 1 50); do
    case "$(state)" in running | stopping | starting) sleep 0.2 ;; *) break ;; esac
  done
  # Detach the image first: `unregistervm --delete` deletes attached disks too.
  VBoxManage storageattach "$NAME" --storagectl IDE --port 0 --device 0 --medium none >/dev/null 2>&1 || true
  VBoxManage closemedium disk "$IMAGE" >/dev/null 2>&1 || true
  VBoxManage unregistervm "$NAME" --delete >/dev/null 2>&1 || true
  echo "$0: VM $NAME deleted; serial output kept in $LOG" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

VBoxManage createvm --name "$NAME" --ostype Other --register >/dev/null
VBoxManage modifyvm "$NAME" \
  --memory "$MEMORY" \
  --nic1 nat --nictype1 virtio \
  --uart1 0x3F8 4 --uartmode1 file "$LOG" \
  --boot1 disk --boot2 none --boot3 none --boot4 none
VBoxManage storagectl "$NAME" --name IDE --add ide --controller PIIX4
VBoxManage storageattach "$NAME" --storagectl IDE --port 0 --device 0 --type hdd --medium "$IMAGE"

: >"$LOG"
VBoxManage startvm "$NAME" --type headless >/dev/null
echo "$0: VM $NAME running; serial console below (Ctrl-C stops the VM)" >&2
tail -n +1 -f "$LOG" &
TAIL_PID=$!

started=$SECONDS
while [ "$(state)" = running ]; do
  if [ "$TIMEOUT" -gt 0 ] && [ $((SECONDS - started)) -ge "$TIMEOUT" ]; then
    echo "$0: $TIMEOUT s elapsed; powering off" >&2
    break
  fi
  sleep 1
done
