# Shared by perf/device/scale, diag and calibrate (sourced, from the repository root).

# device_setup BUNDLE DIR: a Java 17 on PATH (the bundle's, unpacked into DIR, where the machine
# has none; with python3 alone, since it may lack xz), GNU time, DIR/all.rules, and the jar newer
# than the copied sources, so that ./rampart does not try to rebuild it (no Maven there).
device_setup() {
    local b="$1" d="$2"
    mkdir -p "$d"
    if ! command -v java >/dev/null 2>&1 && [ ! -d "$d/jre2" ]; then
        python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$b/jre.tar.xz" "$d" || return 1
    fi
    if [ -d "$d/jre2" ]; then
        export PATH="$d/jre2/bin:$PATH"
    fi
    [ -x /usr/bin/time ] || cp "$b/time" /usr/bin/time
    [ -f "$d/all.rules" ] || python3 -c "import lzma, sys; open(sys.argv[2], 'wb').write(lzma.open(sys.argv[1]).read())" \
        "$b/all.rules.xz" "$d/all.rules"
    touch cli/target/rampart.jar
}

# device_capture BUNDLE SIZE FILE: the generator's capture (seed 1) of SIZE at FILE, unless there (name FILE
# after SIZE: a capture of another size is not reused).
device_capture() {
    [ -f "$3" ] || java -cp "cli/target/rampart.jar:$1/gen.jar" dev.rampart.perf.gen.TrafficGenerator --size "$2" --seed 1 \
        -o "$3" 2>&1 | tail -1
}
