#!/bin/sh
# completion.sh: drive bash's completion function for tlshake as readline
# would (COMP_WORDS/COMP_CWORD), check the answers against what the
# system says independently (/sys/class/net, the files made here), and
# check that every option --help lists is in both completions.
. "${top_srcdir:-.}/tests/lib.sh"
BASHCOMP=/usr/share/bash-completion/bash_completion
[ -r "$BASHCOMP" ] || skip "bash-completion is not installed"
need bash
tmpdir
BCOMP=$top_srcdir/completions/tlshake
ZCOMP=$top_srcdir/completions/_tlshake

# complete WORD... : the completions of the last word (empty: a new one).
complete_words() {
	bash -c '
		. "$1"; . "$2"; shift 2
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		# The line as typed: no blank around a "=" word break.
		COMP_LINE=$1; p=$1; shift
		for w; do
			[ "$w" = "=" ] || [ "$p" = "=" ] || COMP_LINE+=" "
			COMP_LINE+=$w; p=$w
		done
		COMP_POINT=${#COMP_LINE}
		_tlshake "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$BASHCOMP" "$BCOMP" "$@"
}

n=0
expect() {	# expect WHAT WANT GOT
	n=$((n + 1))
	[ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}
has() {		# has WHAT LINE LIST
	n=$((n + 1))
	printf '%s\n' "$3" | grep -qxF -- "$2" || fail "$1: [$2] not in [$3]"
}

# -i: every interface the kernel has is offered ("tlshake -D" lists
# them; /sys/class/net is the independent source).
got=$(complete_words "$TLSHAKE" -i '')
[ -n "$got" ] || fail "-i completed nothing"
for dev in /sys/class/net/*; do
	has "-i" "${dev##*/}" "$got"
done
expect "-i l" "$(ls /sys/class/net | grep '^l' | sort)" \
    "$(complete_words "$TLSHAKE" -i l | grep '^l')"

# -r, -w, --keylog: files.
mkdir "$T/d" "$T/d/sub"
: >"$T/d/cap.pcapng"; : >"$T/d/keys.log"
for opt in -r -w --keylog --ca-file -o --log-file; do
	expect "$opt" "$T/d/cap.pcapng" "$(complete_words "$TLSHAKE" "$opt" "$T/d/c")"
done
expect "--keylog k" "$T/d/keys.log" "$(complete_words "$TLSHAKE" --keylog "$T/d/k")"
expect "--export-certs" "$T/d/sub" "$(complete_words "$TLSHAKE" --export-certs "$T/d/")"

# Values.
expect "--report" "$(printf 'html\njson\nmd\ntext')" "$(complete_words "$TLSHAKE" --report '')"
expect "--report h" "html" "$(complete_words "$TLSHAKE" --report h)"
expect "--color" "$(printf 'always\nauto\nnever')" "$(complete_words "$TLSHAKE" --color '')"
expect "--color=n" "never" "$(complete_words "$TLSHAKE" --color = n)"
expect "-Z" "root" "$(complete_words "$TLSHAKE" -Z roo | grep -x root)"

# Options: every one --help lists is offered, by bash and by zsh.
opts=$("$TLSHAKE" --help | grep -o -- '\(^\|[ ,(]\)--\?[a-zA-Z][-a-zA-Z]*' |
    sed 's/^[ ,(]*//' | sort -u)
[ "$(printf '%s\n' "$opts" | wc -l)" -ge 30 ] || fail "too few options in --help: $opts"
all=$(complete_words "$TLSHAKE" -)
for o in $opts; do
	has "bash: $o" "$o" "$(printf '%s\n' "$all" | sed 's/=$//')"
	z=$o; [ "$o" = -vv ] && z=-v
	n=$((n + 1))
	grep -q -- "[)'*]$z[-+=[]" "$ZCOMP" || fail "zsh: $o not in $ZCOMP"
done
expect "--j" "--json" "$(complete_words "$TLSHAKE" --j)"

if command -v zsh >/dev/null 2>&1; then
	n=$((n + 1))
	zsh -n "$ZCOMP" || fail "zsh: $ZCOMP does not parse"
	# Loaded by compinit from fpath, as an installed copy would be.
	mkdir "$T/fp"; cp "$ZCOMP" "$T/fp/"
	out=$(zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit
	    compinit -u -d "$2/zcd"; print -r -- ${_comps[tlshake]}' zsh "$T/fp" "$T")
	expect "zsh compinit" "_tlshake" "$out"
else
	echo "note: zsh is not installed; its file is checked only for options"
fi
echo "ok: $n completion checks"
