# bash completion for l10n; installed as share/bash-completion/completions/l10n.
# Try it without installing: source tools/completion/l10n.bash

# The target languages of the site whose root is $1: `languages = [...]` of its
# l10n.toml. Nothing without one: any language code is valid then.
_l10n_languages() {
  local config=${1:-.}/l10n.toml line
  [[ -r $config ]] || return
  line=$(sed -n 's/^[[:space:]]*languages[[:space:]]*=[[:space:]]*\[\([^]]*\)\].*/\1/p' "$config")
  line=${line//[\",\']/ }
  printf '%s\n' $line
}

_l10n() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -s || return
  else
    cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
  fi
  COMPREPLY=()

  local command="" root=. i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --root) root=${words[i + 1]} ;;
      -*) ;;
      *) [[ -z $command ]] && command=${words[i]} ;;
    esac
  done
  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "extract update merge import stats init check --help --version" -- "$cur"))
    return
  fi

  local options
  case $command in
    extract) options="--root --config --jobs --no-obsolete --quiet --verbose" ;;
    update) options="--output --lang --no-obsolete --jobs --verbose" ;;
    merge) options="--root --config --lang --keep --fuzzy --check --dry-run --strict --jobs --quiet --verbose" ;;
    import) options="--root --config --lang --overwrite --dry-run --jobs --quiet --verbose" ;;
    stats) options="--root --config --lang --format --jobs" ;;
    init) options="--root --dry-run --quiet" ;;
    check) options="--root --config --lang --source --format --output --max-findings --baseline --jobs --quiet" ;;
    *) return ;;
  esac

  case $prev in
    --root)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -d -- "$cur"))
      return ;;
    --config | --output | -o | --baseline)
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --format | -f)
      case $command in
        stats) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        check) COMPREPLY=($(compgen -W "text json sarif html" -- "$cur")) ;;
      esac
      return ;;
    --lang | -l)
      [[ $command != update ]] && COMPREPLY=($(compgen -W "$(_l10n_languages "$root")" -- "$cur"))
      return ;;
    --source | --jobs | -j | --keep | -k | --max-findings)
      return ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options --help --version" -- "$cur"))
    return
  fi
  case $command in
    update)  # OLD.po NEW.pot
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -X '!*.po' -- "$cur") $(compgen -f -X '!*.pot' -- "$cur") $(compgen -d -- "$cur")) ;;
    check)  # pages to check with --lang
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _l10n l10n
