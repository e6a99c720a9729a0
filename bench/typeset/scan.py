"""Scanning a typeset PDF: every page rasterised and degraded like paper through a scanner, saved
as an image-only PDF (no text layer: the tool must OCR it)."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from .layout import FIXED_DATE


@dataclass(frozen=True)
class ScanParams:
    dpi: int = 200
    skew: float = 0.5  # largest rotation, in degrees (each page draws its own)
    blur: float = 0.5  # Gaussian blur radius at 200 dpi
    noise: float = 0.03  # blend of low-frequency paper noise
    specks: int = 300  # dust specks per page
    jpeg_quality: int = 40
    binarise: bool = False  # black and white (a threshold), as fax-like scanners do
    seed: int = 0

    def describe(self) -> str:
        mode = "b/w" if self.binarise else "grey"
        return (
            f"scan {self.dpi}dpi skew±{self.skew:g} blur{self.blur:g} noise{self.noise:g} "
            f"specks{self.specks} jpeg{self.jpeg_quality} {mode}"
        )


def random_scan(seed: int) -> ScanParams:
    rng = random.Random(f"scan-{seed}")
    return ScanParams(
        dpi=rng.choice((150, 200, 200, 250, 300)),
        skew=round(rng.uniform(0.0, 1.0), 2),
        blur=round(rng.uniform(0.0, 0.8), 2),
        noise=round(rng.uniform(0.0, 0.05), 3),
        specks=rng.randint(0, 600),
        jpeg_quality=rng.randint(25, 85),
        binarise=rng.random() < 0.3,
        seed=seed,
    )


def scan(pdf: Path, out: Path, params: ScanParams) -> None:
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image, ImageFilter

    rng = random.Random(f"scan-pages-{params.seed}")
    document = pdfium.PdfDocument(str(pdf))
    target = FPDF(unit="pt", format="A4")
    target.set_creation_date(FIXED_DATE)
    target.set_title("Plan national de sécurité 2026-2029 (scan)")
    target.set_auto_page_break(False)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=params.dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            angle = rng.uniform(-params.skew, params.skew)
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            if params.blur:
                image = image.filter(ImageFilter.GaussianBlur(params.blur * params.dpi / 200))
            if params.noise:
                # low-frequency paper noise, from the seeded generator (Pillow's own noise is not
                # reproducible within a process)
                small = (image.width // 3, image.height // 3)
                grain = rng.randbytes(small[0] * small[1])
                noise = Image.frombytes("L", small, grain).resize(image.size)
                image = Image.blend(image, noise, params.noise)
            pixels = image.load()
            for _ in range(params.specks):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                pixels[x, y] = rng.randrange(0, 120)
            buffer = io.BytesIO()
            if params.binarise:
                image.point(lambda v: 255 if v > 150 else 0).convert("1").save(
                    buffer, format="PNG", dpi=(params.dpi,) * 2
                )
            else:
                image.save(buffer, format="JPEG", quality=params.jpeg_quality, dpi=(params.dpi,) * 2)
            target.add_page(format=(width, height))
            target.image(buffer, x=0, y=0, w=width, h=height)
    finally:
        document.close()
    out.write_bytes(bytes(target.output()))
