"""Where the project and the shared corpus lie, for tests in every folder."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
EXTRA = SHARED / "corpus" / "extra"
SAMPLES = ROOT / "samples"
