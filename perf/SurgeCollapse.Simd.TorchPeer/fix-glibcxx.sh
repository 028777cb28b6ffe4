#!/usr/bin/env bash
# Lets TorchSharp 0.107's shim libLibTorchSharp.so load with an older libstdc++ (Debian 12 ships GCC 12's, which
# stops at GLIBCXX_3.4.30; the shim was linked with GCC 13 and asks for GLIBCXX_3.4.32).
#
#   fix-glibcxx.sh PATH/TO/libLibTorchSharp.so
#
# Patches that one file in place: the build output's copy (the csproj calls this after every build), never the NuGet
# cache nor any system library. What it changes, and why that is safe (README.md, "GLIBCXX_3.4.32"):
#   - the only symbol that needs GLIBCXX_3.4.32 is std::ios_base_library_init(), and nothing calls it: GCC 13's
#     <iostream> merely names it (`.globl`) so that the link records a need for a libstdc++ that initialises
#     std::cout itself. The shim has no relocation against it, and uses no standard stream; libtorch's own
#     libraries, loaded first, still run the ios_base::Init constructors of the older scheme.
#   - so the script sets VER_FLG_WEAK (0x2) in the flags of that one version need (one byte in .gnu.version_r).
#     glibc's loader then checks the version as before but treats its absence as non-fatal; every other
#     version need is untouched and still checked.
# It refuses (exit 1) if anything else needs GLIBCXX_3.4.32, or if a relocation refers to a 3.4.32 symbol.
# It does nothing if the libstdc++ this machine loads already has GLIBCXX_3.4.32, or if the file is already patched.
set -euo pipefail

lib=${1:?usage: fix-glibcxx.sh PATH/TO/libLibTorchSharp.so}
version=GLIBCXX_3.4.32
[[ -f $lib ]] || { echo "fix-glibcxx.sh: no such file: $lib" >&2; exit 1; }
for tool in readelf objdump od dd; do
    command -v "$tool" >/dev/null || { echo "fix-glibcxx.sh: needs $tool (apt-get install binutils coreutils)" >&2; exit 1; }
done

# The libstdc++ the dynamic loader would pick for this process.
# (Whole outputs are captured before filtering: with pipefail, a reader that stops early would fail the pipe.)
cache=$(ldconfig -p)
system_libstdcxx=$(awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF }' <<<"$cache" | head -n 1)
if [[ -n $system_libstdcxx ]] && grep -qa "$version" "$system_libstdcxx"; then
    echo "fix-glibcxx.sh: $system_libstdcxx provides $version; nothing to do"
    exit 0
fi

# The need, as readelf prints it: "  0x0140:   Name: GLIBCXX_3.4.32  Flags: none  Version: 18".
versions=$(readelf -V "$lib")
need=$(grep -E "^ +0x[0-9a-f]+: +Name: $version +Flags:" <<<"$versions" || true)
if [[ -z $need ]]; then
    echo "fix-glibcxx.sh: $lib does not need $version; nothing to do"
    exit 0
fi
if [[ $need == *"Flags: WEAK"* ]]; then
    echo "fix-glibcxx.sh: $lib: the $version need is already weak"
    exit 0
fi
[[ $need == *"Flags: none"* ]] || { echo "fix-glibcxx.sh: unexpected flags: $need" >&2; exit 1; }

# Only std::ios_base_library_init() may carry the version, and nothing may be relocated against a symbol of it.
dynamic_symbols=$(objdump -T "$lib")
symbols=$(grep -F "($version)" <<<"$dynamic_symbols" | awk '{ print $NF }' | sort -u)
if [[ $symbols != "_ZSt21ios_base_library_initv" ]]; then
    echo "fix-glibcxx.sh: symbols needing $version are not just _ZSt21ios_base_library_initv:" >&2
    echo "$symbols" >&2
    exit 1
fi
relocations=$(objdump -R "$lib")
if grep -qF "@$version" <<<"$relocations"; then
    echo "fix-glibcxx.sh: a relocation refers to a $version symbol; refusing" >&2
    exit 1
fi

# File offset of the Vernaux entry: section offset + entry offset; its vna_flags (16 bits) follow vna_hash (32 bits).
section_offset=$(awk '/Version needs section/ { getline; for (i = 1; i <= NF; i++) if ($i == "Offset:") print $(i + 1) }' <<<"$versions")
entry_offset=$(awk '{ print $1 }' <<<"$need" | tr -d ':')
[[ $section_offset == 0x* && $entry_offset == 0x* ]] || { echo "fix-glibcxx.sh: could not read offsets" >&2; exit 1; }
flags_offset=$((section_offset + entry_offset + 4))
[[ $(od -A n -t x1 -j "$flags_offset" -N 2 "$lib" | tr -d ' \n') == 0000 ]] || { echo "fix-glibcxx.sh: flags are not zero at $flags_offset" >&2; exit 1; }

printf '\x02' | dd of="$lib" bs=1 seek="$flags_offset" conv=notrunc status=none
versions=$(readelf -V "$lib")
grep -qE "Name: $version +Flags: WEAK" <<<"$versions" || { echo "fix-glibcxx.sh: patch did not take" >&2; exit 1; }
echo "fix-glibcxx.sh: $lib: marked its $version need weak (one byte at offset $flags_offset)"
