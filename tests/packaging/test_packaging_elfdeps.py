"""Depends from the bundle's ELF files: parsing real objdump output, versions, ownership."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from curpack import elfdeps
from curpack.elfdeps import ElfInfo

needs_objdump = pytest.mark.skipif(shutil.which("objdump") is None, reason="needs binutils")
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg") is None, reason="needs dpkg")

OBJDUMP = """
/x/libfoo.so:     file format elf64-x86-64

Dynamic Section:
  NEEDED               libQt6Core.so.6
  NEEDED               libstdc++.so.6
  NEEDED               libc.so.6
  SONAME               libfoo.so.1

Version References:
  required from libstdc++.so.6:
    0x0297f870 0x00 05 GLIBCXX_3.4.21
    0x08922974 0x00 04 GLIBCXX_3.4
  required from libc.so.6:
    0x09691974 0x00 03 GLIBC_2.3.4
    0x069691b4 0x00 07 GLIBC_2.34
    0x0d696917 0x00 02 GLIBC_PRIVATE
"""

LDCONFIG = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1
\tlibxcb.so.1 (libc6) => /lib/i386-linux-gnu/libxcb.so.1
\tlibGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libGL.so.1
\tlibfoo.so.2 (libc6,x32) => /libx32/libfoo.so.2
"""


def test_parse_objdump() -> None:
    info = elfdeps.parse_objdump(OBJDUMP)
    assert info.soname == "libfoo.so.1"
    assert info.needed == ("libQt6Core.so.6", "libstdc++.so.6", "libc.so.6")
    assert info.versions["libc.so.6"] == {"GLIBC_2.3.4", "GLIBC_2.34", "GLIBC_PRIVATE"}
    assert elfdeps.max_symbol_version([info], "GLIBC") == "2.34"
    assert elfdeps.max_symbol_version([info], "GLIBCXX") == "3.4.21"


@needs_objdump
def test_parse_real_objdump_output() -> None:
    """The parser against binutils' real output for a system library."""
    libc = next(
        p
        for p in (
            Path("/lib/x86_64-linux-gnu/libm.so.6"),
            Path("/usr/lib/x86_64-linux-gnu/libm.so.6"),
        )
        if p.exists()
    )
    info = elfdeps.read_elf(libc)
    assert info.soname == "libm.so.6"
    assert "libc.so.6" in info.needed
    glibc = elfdeps.max_symbol_version([info], "GLIBC")
    assert glibc is not None
    assert glibc.startswith("2.")


def test_strippable_spares_auditwheel_libraries() -> None:
    plain = ElfInfo("libQt6Core.so.6", ("libc.so.6",), runpath="$ORIGIN")
    patched = ElfInfo(None, ("libscipy_openblas64_.so",), runpath="$ORIGIN/../../numpy.libs")
    assert elfdeps.strippable(Path("_internal/PySide6/Qt/lib/libQt6Core.so.6"), plain)
    assert not elfdeps.strippable(Path("_internal/numpy.libs/libscipy_openblas64_.so"), plain)
    assert not elfdeps.strippable(Path("_internal/numpy/_core/_multiarray_umath.so"), patched)
    text = "Dynamic Section:\n  NEEDED  libc.so.6\n  RUNPATH  $ORIGIN/../x.libs\n"
    assert elfdeps.parse_objdump(text).runpath == "$ORIGIN/../x.libs"


def test_versions_compare_numerically() -> None:
    infos = [
        ElfInfo(None, ("libc.so.6",), {"libc.so.6": frozenset({"GLIBC_2.9"})}),
        ElfInfo(None, ("libc.so.6",), {"libc.so.6": frozenset({"GLIBC_2.17", "GLIBC_2.2.5"})}),
    ]
    assert elfdeps.max_symbol_version(infos, "GLIBC") == "2.17"
    assert elfdeps.max_symbol_version(infos, "GLIBCXX") is None


@pytest.mark.parametrize(
    ("glibcxx", "gcc"), [("3.4.29", "11"), ("3.4.30", "12"), ("3.4.25", "8"), (None, None)]
)
def test_libstdcxx_minimum(glibcxx: str | None, gcc: str | None) -> None:
    assert elfdeps.libstdcxx_minimum(glibcxx) == gcc


def test_libstdcxx_beyond_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match="GLIBCXX_TO_GCC"):
        elfdeps.libstdcxx_minimum("3.4.99")


def test_parse_ldconfig_keeps_the_native_architecture() -> None:
    found = elfdeps.parse_ldconfig(LDCONFIG, machine="x86_64")
    assert found == {
        "libxcb.so.1": Path("/lib/x86_64-linux-gnu/libxcb.so.1"),
        "libGL.so.1": Path("/lib/x86_64-linux-gnu/libGL.so.1"),
    }


def test_parse_dpkg_search() -> None:
    text = "diversion by dash from: /bin/sh\nlibxcb1:amd64: /lib/x86_64-linux-gnu/libxcb.so.1\n"
    assert elfdeps.parse_dpkg_search(text) == "libxcb1"
    assert elfdeps.parse_dpkg_search("libc6:amd64, libc6:i386: /usr/share/doc/libc6\n") == "libc6"
    assert elfdeps.parse_dpkg_search("") is None


def test_compute_depends() -> None:
    bundle = Path("/b")
    files = {
        bundle / "cur-desktop": ElfInfo(
            None, ("libpython3.11.so.1.0", "libc.so.6"), {"libc.so.6": frozenset({"GLIBC_2.34"})}
        ),
        bundle / "_internal/libpython3.11.so.1.0": ElfInfo(
            "libpython3.11.so.1.0",
            ("libc.so.6", "libm.so.6"),
            {"libm.so.6": frozenset({"GLIBC_2.29"})},
        ),
        bundle / "_internal/libQt6Gui.so.6": ElfInfo(
            "libQt6Gui.so.6",
            ("libxcb.so.1", "libEGL.so.1", "libstdc++.so.6"),
            {"libstdc++.so.6": frozenset({"GLIBCXX_3.4.30"})},
        ),
        bundle / "_internal/plugin.so": ElfInfo(None, ("libnowhere.so.3",)),
    }
    locate = {
        "libc.so.6": Path("/lib/libc.so.6"),
        "libm.so.6": Path("/lib/libm.so.6"),
        "libxcb.so.1": Path("/lib/libxcb.so.1"),
        "libEGL.so.1": Path("/lib/libEGL.so.1"),
        "libstdc++.so.6": Path("/lib/libstdc++.so.6"),
    }
    owners = {
        "/lib/libc.so.6": "libc6",
        "/lib/libm.so.6": "libc6",
        "/lib/libxcb.so.1": "libxcb1",
        "/lib/libEGL.so.1": "libegl1",
        "/lib/libstdc++.so.6": "libstdc++6",
    }
    deps = elfdeps.compute_depends(
        files, locate, lambda p: owners.get(str(p)), extra=["fontconfig"]
    )
    assert deps.depends == [
        "fontconfig",
        "libc6 (>= 2.34)",
        "libegl1",
        "libstdc++6 (>= 12)",
        "libxcb1",
    ]
    assert deps.unresolved == {"libnowhere.so.3": [bundle / "_internal/plugin.so"]}


def test_elf_files_skip_data_and_symlinks(tmp_path: Path) -> None:
    shutil.copyfile("/bin/true", tmp_path / "true")
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "link").symlink_to("true")
    assert elfdeps.elf_files(tmp_path) == [tmp_path / "true"]


@needs_dpkg
@needs_objdump
def test_system_depends_of_a_real_binary(tmp_path: Path) -> None:
    """This machine's ldconfig and dpkg name the package of a real dependency."""
    shutil.copyfile("/bin/true", tmp_path / "true")
    deps = elfdeps.system_depends(tmp_path)
    assert not deps.unresolved
    assert any(entry.startswith("libc6 (>= 2.") for entry in deps.depends)
    out = subprocess.run(["dpkg", "-S", "/bin/true"], capture_output=True, text=True, check=False)
    assert out.returncode == 0  # the check above asked the same database
