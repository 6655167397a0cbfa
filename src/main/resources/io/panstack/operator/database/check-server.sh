#!/bin/sh
# PanStack: before the dashboard starts against a database the operator did not set up (database.external), checks
# that the server has what Pi needs (reference panintelligence.md 4.1): lower_case_table_names=1 (without it the
# dashboard reports tables missing), log_bin_trust_function_creators=1 (the repository has triggers) and
# NO_AUTO_VALUE_ON_ZERO among the SQL modes.
#
# Environment: DB_HOST, DB_PORT (default 3306), DB_USER, and MYSQL_PWD, where the client reads the password (never
#              on a command line, never printed).
# Output:      one line saying what is wrong or that all is well; the operator shows it in status.
# Exit:        0 fit; 1 a setting is missing or the server cannot be asked (the pod retries).
set -u

: "${DB_HOST:?check-database: set DB_HOST}" "${DB_USER:?check-database: set DB_USER}"
port=${DB_PORT:-3306}
if command -v mariadb >/dev/null 2>&1; then client=mariadb; else client=mysql; fi

# The answer alone on stdout: a client warning on stderr must not be read as a setting.
errors=$(mktemp "${TMPDIR:-/tmp}/check-database.XXXXXX") || errors=/dev/null
if ! row=$("$client" --host="$DB_HOST" --port="$port" --user="$DB_USER" --batch --skip-column-names \
    -e 'SELECT @@lower_case_table_names, @@log_bin_trust_function_creators, @@sql_mode' 2>"$errors"); then
  echo "check-database: cannot ask $DB_HOST:$port for its settings: $(head -n 1 "$errors" 2>/dev/null)"
  rm -f "$errors"
  exit 1
fi
[ "$errors" = /dev/null ] || rm -f "$errors"
tab=$(printf '\t')
lower=${row%%"$tab"*}
rest=${row#*"$tab"}
trust=${rest%%"$tab"*}
modes=${rest#*"$tab"}

missing=
[ "$lower" = 1 ] || missing="${missing}lower_case_table_names=1 (it is $lower); "
[ "$trust" = 1 ] || missing="${missing}log_bin_trust_function_creators=1 (it is $trust); "
case ",$modes," in
  *,NO_AUTO_VALUE_ON_ZERO,*) ;;
  *) missing="${missing}NO_AUTO_VALUE_ON_ZERO in sql_mode (it is '$modes'); " ;;
esac
if [ -n "$missing" ]; then
  echo "check-database: $DB_HOST:$port lacks what Pi needs: ${missing%; }. Set it in the server's configuration;" \
    "the dashboard starts once it is there."
  exit 1
fi
echo "check-database: $DB_HOST:$port has the settings Pi needs"
