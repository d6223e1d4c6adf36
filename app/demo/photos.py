"""Photos for the sample school: simple drawn scenes that look like a school's own.

Each photo is a small drawing of what it shows — a fire extinguisher
cabinet, a corridor with a blocked exit, the assembly point on the
playground, a cracked wall — with the phone-camera touches people know: a
date stamp in the corner, a caption strip saying what it shows, and an EXIF
date (``DateTimeOriginal``, Beijing time) of when it was "taken". The same
subject, seed and time give the same bytes; different seeds vary the
colours, positions and people, so no two photos of the demo are alike.

Pillow is imported inside functions (start-up does not pay for it). The
caption uses the printing font (:mod:`app.reports.fonts`) when one is
installed, else Pillow's own (the caption then says the subject's key).
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.school.clock import SCHOOL_TZ

WIDTH, HEIGHT = 960, 720
QUALITY = 80
RGB = tuple[int, int, int]


def _jitter(rng: random.Random, colour: RGB, spread: int = 18) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)  # type: ignore[return-value]


def _pupil(draw, x: float, y: float, size: float, shirt: RGB) -> None:
    """A standing child: head, body (a school uniform), legs."""
    draw.ellipse(
        (x - size * 0.35, y - size * 1.9, x + size * 0.35, y - size * 1.2), fill=(60, 45, 40)
    )
    draw.rectangle((x - size * 0.45, y - size * 1.2, x + size * 0.45, y - size * 0.3), fill=shirt)
    draw.rectangle(
        (x - size * 0.35, y - size * 0.3, x + size * 0.35, y + size * 0.4), fill=(40, 50, 80)
    )


def _corridor(draw, rng: random.Random, w: int, h: int) -> tuple[float, float]:
    """A one-point-perspective school corridor; returns its vanishing point."""
    vx, vy = w * (0.45 + rng.random() * 0.1), h * (0.42 + rng.random() * 0.06)
    wall = _jitter(rng, (226, 222, 205))
    draw.rectangle((0, 0, w, h), fill=wall)
    draw.polygon(
        [(0, h), (w, h), (vx + 60, vy + 40), (vx - 60, vy + 40)], fill=_jitter(rng, (170, 160, 140))
    )
    draw.polygon(
        [(0, 0), (w, 0), (vx + 60, vy - 40), (vx - 60, vy - 40)], fill=_jitter(rng, (240, 240, 235))
    )
    draw.rectangle((vx - 60, vy - 40, vx + 60, vy + 40), fill=_jitter(rng, (200, 215, 230)))
    # Wainscot band on both walls.
    draw.polygon(
        [(0, h * 0.72), (vx - 60, vy + 22), (vx - 60, vy + 40), (0, h)],
        fill=_jitter(rng, (90, 140, 110)),
    )
    draw.polygon(
        [(w, h * 0.72), (vx + 60, vy + 22), (vx + 60, vy + 40), (w, h)],
        fill=_jitter(rng, (90, 140, 110)),
    )
    # Classroom doors along the left wall, ceiling lights down the middle.
    for i, t in enumerate((0.15, 0.45, 0.7)):
        x0, x1 = t * (vx - 60), (t + 0.12) * (vx - 60)
        top0, top1 = (
            h * 0.18 * (1 - t) + (vy - 30) * t,
            h * 0.18 * (1 - t - 0.12) + (vy - 30) * (t + 0.12),
        )
        bot0, bot1 = h * (1 - t) + (vy + 40) * t, h * (1 - t - 0.12) + (vy + 40) * (t + 0.12)
        draw.polygon(
            [(x0, top0), (x1, top1), (x1, bot1), (x0, bot0)], fill=_jitter(rng, (150, 100, 60))
        )
        draw.text((x0 + 6, top0 + 8), f"{rng.randint(1, 9)}0{i + 1}", fill=(255, 255, 255))
    for t in (0.1, 0.35, 0.6, 0.8):
        x, y = w / 2 * (1 - t) + vx * t, 10 * (1 - t) + (vy - 40) * t
        draw.rectangle(
            (x - 50 * (1 - t) - 6, y, x + 50 * (1 - t) + 6, y + 8 * (1 - t) + 2),
            fill=(255, 255, 240),
        )
    return vx, vy


def _exit_sign(draw, x: float, y: float, lit: bool = True) -> None:
    green = (40, 170, 80) if lit else (70, 90, 75)
    draw.rectangle((x, y, x + 110, y + 44), fill=green, outline=(240, 240, 240), width=3)
    draw.polygon([(x + 12, y + 22), (x + 34, y + 8), (x + 34, y + 36)], fill=(255, 255, 255))
    draw.rectangle((x + 40, y + 16, x + 98, y + 28), fill=(255, 255, 255))


def _scene_extinguisher(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (225, 225, 215)))
    draw.rectangle((0, h * 0.78, w, h), fill=_jitter(rng, (160, 150, 135)))
    x = w * (0.25 + rng.random() * 0.3)
    draw.rectangle(
        (x, h * 0.2, x + 300, h * 0.8), fill=(190, 30, 30), outline=(120, 10, 10), width=6
    )
    draw.rectangle(
        (x + 20, h * 0.25, x + 280, h * 0.7), fill=(230, 210, 210), outline=(90, 10, 10), width=3
    )
    for dx in (60, 160):
        draw.rounded_rectangle(
            (x + dx, h * 0.34, x + dx + 70, h * 0.68), radius=20, fill=(210, 20, 20)
        )
        draw.rectangle((x + dx + 20, h * 0.29, x + dx + 50, h * 0.34), fill=(40, 40, 40))
    draw.rectangle((x + 20, h * 0.72, x + 280, h * 0.77), fill=(255, 255, 255))


def _scene_corridor(draw, rng, w, h, fixed=False):
    vx, vy = _corridor(draw, rng, w, h)
    _exit_sign(draw, vx - 55, vy - 95)


def _scene_blocked_exit(draw, rng, w, h, fixed=False):
    vx, vy = _corridor(draw, rng, w, h)
    _exit_sign(draw, vx - 55, vy - 95)
    for i in range(0 if fixed else rng.randint(3, 5)):  # desks stacked in the way
        x, y = w * 0.3 + i * 70 + rng.randint(-20, 20), h * 0.6 - (i % 2) * 60
        draw.rectangle((x, y, x + 160, y + 24), fill=_jitter(rng, (170, 120, 70)))
        draw.rectangle((x + 10, y + 24, x + 20, y + 110), fill=(90, 90, 90))
        draw.rectangle((x + 140, y + 24, x + 150, y + 110), fill=(90, 90, 90))


def _scene_dark_exit(draw, rng, w, h, fixed=False):
    vx, vy = _corridor(draw, rng, w, h)
    _exit_sign(draw, vx - 55, vy - 95, lit=fixed)
    if not fixed:
        draw.ellipse((vx - 80, vy - 120, vx + 80, vy + 10), outline=(230, 40, 40), width=6)


def _scene_railing(draw, rng, w, h, fixed=False):
    vx, vy = _corridor(draw, rng, w, h)
    for i in range(12):
        x = w * 0.55 + i * 34
        draw.rectangle((x, h * 0.45, x + 8, h * 0.85), fill=(120, 120, 130))
    draw.rectangle((w * 0.53, h * 0.43, w, h * 0.47), fill=(100, 100, 110))
    cx = w * 0.55 + rng.randint(2, 10) * 34
    if not fixed:
        draw.ellipse((cx - 40, h * 0.4, cx + 48, h * 0.52), outline=(230, 40, 40), width=6)


def _scene_playground(draw, rng, w, h, fixed=False, *, rows: int = 5, building: bool = True):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (160, 200, 235)))
    if building:
        draw.rectangle((w * 0.08, h * 0.18, w * 0.7, h * 0.5), fill=_jitter(rng, (215, 200, 170)))
        for r in range(3):
            for c in range(9):
                x, y = w * 0.1 + c * 62, h * 0.21 + r * 70
                draw.rectangle((x, y, x + 36, y + 44), fill=(110, 150, 190))
        draw.rectangle((w * 0.33, h * 0.1, w * 0.45, h * 0.18), fill=(200, 40, 40))  # red banner
    draw.rectangle((0, h * 0.5, w, h), fill=_jitter(rng, (170, 90, 70)))  # running track
    draw.rectangle((0, h * 0.58, w, h), fill=_jitter(rng, (110, 160, 90)))
    shirts = [(30, 80, 170), (220, 220, 230), (200, 60, 50)]
    uniform = rng.choice(shirts)
    for r in range(rows):
        for c in range(rng.randint(12, 16)):
            x = 70 + c * 58 + rng.randint(-6, 6)
            y = h * 0.68 + r * 44 + rng.randint(-4, 4)
            _pupil(draw, x, y, 14 + r * 1.5, _jitter(rng, uniform, 10))
    # The teacher counting at the front, holding the class sign.
    tx = w * (0.1 + rng.random() * 0.8)
    _pupil(draw, tx, h * 0.64, 22, (60, 60, 60))
    draw.rectangle(
        (tx + 14, h * 0.5, tx + 70, h * 0.55), fill=(255, 255, 255), outline=(200, 30, 30), width=3
    )


def _scene_assembly(draw, rng, w, h, fixed=False):
    _scene_playground(draw, rng, w, h, fixed)


def _scene_evacuation(draw, rng, w, h, fixed=False):
    vx, vy = _corridor(draw, rng, w, h)
    _exit_sign(draw, vx - 55, vy - 95)
    uniform = rng.choice([(30, 80, 170), (220, 220, 230), (200, 60, 50)])
    for i in range(9):  # a class filing out, one line, hands over mouths
        t = i / 9
        x, y = w * 0.2 * (1 - t) + vx * t + 60, h * 0.95 * (1 - t) + (vy + 30) * t
        _pupil(draw, x, y, 40 * (1 - t) + 8, _jitter(rng, uniform, 10))


def _scene_training(draw, rng, w, h, fixed=False):
    _scene_playground(draw, rng, w, h, fixed, rows=2, building=False)
    # A tray fire and someone aiming an extinguisher at it.
    fx, fy = w * 0.62, h * 0.62
    draw.rectangle((fx - 70, fy, fx + 70, fy + 20), fill=(60, 60, 60))
    for i in range(7):
        draw.polygon([(fx - 60 + i * 20, fy), (fx - 50 + i * 20, fy - rng.randint(50, 110)), (fx - 40 + i * 20, fy)],
                     fill=rng.choice([(250, 140, 30), (240, 200, 40), (230, 80, 20)]))  # fmt: skip
    px = w * 0.3
    _pupil(draw, px, h * 0.72, 46, (200, 40, 40))
    draw.rounded_rectangle((px + 10, h * 0.5, px + 40, h * 0.62), radius=8, fill=(210, 20, 20))
    draw.polygon(
        [(px + 40, h * 0.55), (fx - 60, fy - 40), (fx - 40, fy + 10)], fill=(245, 245, 245)
    )


def _scene_earthquake(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (230, 225, 210)))
    draw.rectangle((w * 0.1, h * 0.06, w * 0.9, h * 0.3), fill=(40, 70, 60))  # blackboard
    draw.rectangle((0, h * 0.62, w, h), fill=_jitter(rng, (190, 170, 140)))
    for r in range(2):
        for c in range(4):
            x, y = 80 + c * 220 + r * 40, h * 0.45 + r * 130
            draw.rectangle((x, y, x + 160, y + 18), fill=_jitter(rng, (180, 130, 80)))
            draw.rectangle((x + 8, y + 18, x + 16, y + 100), fill=(90, 90, 90))
            draw.rectangle((x + 144, y + 18, x + 152, y + 100), fill=(90, 90, 90))
            # A pupil crouched under the desk, hands over the head.
            draw.ellipse((x + 60, y + 40, x + 100, y + 80), fill=(60, 45, 40))
            draw.ellipse((x + 40, y + 60, x + 120, y + 100), fill=_jitter(rng, (30, 80, 170), 20))


def _scene_bus(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (170, 205, 235)))
    draw.rectangle((0, h * 0.7, w, h), fill=_jitter(rng, (120, 120, 120)))
    x = w * (0.08 + rng.random() * 0.1)
    draw.rounded_rectangle((x, h * 0.3, x + 700, h * 0.75), radius=30, fill=(245, 190, 20))
    for i in range(7):
        draw.rectangle((x + 30 + i * 90, h * 0.36, x + 100 + i * 90, h * 0.5), fill=(120, 160, 200))
    draw.rectangle((x + 640, h * 0.38, x + 700, h * 0.72), fill=(60, 60, 60))  # rear door open
    for wx in (x + 120, x + 560):
        draw.ellipse((wx - 45, h * 0.68, wx + 45, h * 0.8), fill=(30, 30, 30))
    for i in range(4):
        _pupil(draw, x + 740 + i * 45, h * 0.86, 20, (30, 80, 170))


def _scene_gate(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (170, 205, 235)))
    draw.rectangle((0, h * 0.72, w, h), fill=_jitter(rng, (140, 135, 125)))
    draw.rectangle((w * 0.1, h * 0.25, w * 0.2, h * 0.72), fill=_jitter(rng, (200, 190, 170)))
    draw.rectangle((w * 0.8, h * 0.25, w * 0.9, h * 0.72), fill=_jitter(rng, (200, 190, 170)))
    draw.rectangle((w * 0.1, h * 0.18, w * 0.9, h * 0.25), fill=(190, 40, 40))
    for i in range(16):  # the sliding gate
        draw.rectangle(
            (w * 0.2 + i * 38, h * 0.45, w * 0.2 + i * 38 + 6, h * 0.72), fill=(80, 80, 90)
        )
    draw.rectangle((w * 0.2, h * 0.45, w * 0.8, h * 0.48), fill=(80, 80, 90))
    # The camera on its pole.
    cx = w * (0.85 + rng.random() * 0.05)
    draw.rectangle((cx, h * 0.05, cx + 8, h * 0.25), fill=(90, 90, 90))
    draw.rectangle((cx - 40, h * 0.05, cx + 20, h * 0.1), fill=(235, 235, 235))


def _scene_monitor(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (60, 60, 70)))
    draw.rectangle((w * 0.08, h * 0.08, w * 0.92, h * 0.8), fill=(20, 20, 25))
    for r in range(3):
        for c in range(3):
            x0, y0 = w * 0.1 + c * w * 0.27, h * 0.1 + r * h * 0.23
            tone = rng.randint(70, 150)
            draw.rectangle((x0, y0, x0 + w * 0.26, y0 + h * 0.22), fill=(tone, tone + 10, tone))
            if (r, c) == (2, 2):  # the blurred one: grey noise
                for _ in range(220):
                    px, py = x0 + rng.random() * w * 0.26, y0 + rng.random() * h * 0.22
                    g = rng.randint(120, 220)
                    draw.rectangle((px, py, px + 6, py + 6), fill=(g, g, g))
                draw.rectangle(
                    (x0, y0, x0 + w * 0.26, y0 + h * 0.22), outline=(230, 40, 40), width=5
                )
    draw.rectangle((w * 0.4, h * 0.8, w * 0.6, h * 0.95), fill=(40, 40, 45))


def _scene_dormitory(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (215, 225, 230)))
    draw.rectangle((0, h * 0.75, w, h), fill=_jitter(rng, (170, 150, 120)))
    for bx in (w * 0.08, w * 0.55):  # two bunk beds
        draw.rectangle((bx, h * 0.2, bx + 10, h * 0.8), fill=(90, 100, 120))
        draw.rectangle((bx + 360, h * 0.2, bx + 370, h * 0.8), fill=(90, 100, 120))
        for y in (h * 0.35, h * 0.65):
            draw.rectangle((bx, y, bx + 370, y + 14), fill=(90, 100, 120))
            draw.rectangle((bx + 10, y - 30, bx + 360, y), fill=_jitter(rng, (240, 240, 245)))
            draw.rectangle((bx + 250, y - 40, bx + 350, y - 20), fill=_jitter(rng, (120, 160, 200)))
    if fixed:
        return
    # The electric blanket with its cable and plug.
    draw.rectangle((w * 0.6, h * 0.55, w * 0.85, h * 0.62), fill=(235, 130, 60))
    draw.line(
        [(w * 0.85, h * 0.6), (w * 0.9, h * 0.72), (w * 0.95, h * 0.74)], fill=(30, 30, 30), width=5
    )
    draw.ellipse((w * 0.56, h * 0.48, w * 0.9, h * 0.68), outline=(230, 40, 40), width=6)


def _scene_kitchen(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (235, 235, 230)))
    for i in range(8):  # tiles
        draw.line([(0, i * 60), (w, i * 60)], fill=(210, 210, 205), width=2)
    draw.rectangle((0, h * 0.55, w, h), fill=(190, 195, 200))  # steel counter
    draw.rectangle(
        (w * 0.15, h * 0.2, w * 0.85, h * 0.5),
        fill=(245, 245, 250),
        outline=(150, 150, 160),
        width=4,
    )
    for i in range(rng.randint(5, 7)):  # the sample boxes in the fridge
        x = w * 0.18 + i * 95
        draw.rectangle(
            (x, h * 0.32, x + 70, h * 0.46), fill=(250, 250, 250), outline=(120, 160, 200), width=3
        )
        draw.rectangle((x + 8, h * 0.34, x + 62, h * 0.38), fill=(255, 240, 150))
        level = 0.9 if fixed else rng.uniform(0.2, 0.9)
        draw.rectangle(
            (x + 6, h * 0.46 - level * 30, x + 64, h * 0.455), fill=_jitter(rng, (200, 160, 90), 30)
        )


def _scene_gas_alarm(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (230, 232, 228)))
    draw.rectangle((0, h * 0.6, w, h), fill=(185, 190, 195))
    draw.ellipse((w * 0.1, h * 0.45, w * 0.3, h * 0.58), fill=(50, 50, 55))  # a burner
    x, y = w * (0.5 + rng.random() * 0.15), h * 0.18
    draw.rounded_rectangle(
        (x, y, x + 150, y + 200), radius=16, fill=(250, 250, 250), outline=(150, 150, 150), width=3
    )
    light = (40, 200, 80) if fixed else (90, 90, 90)  # dark: no power
    draw.ellipse((x + 55, y + 40, x + 95, y + 80), fill=light)
    for i in range(5):
        draw.line(
            [(x + 30, y + 110 + i * 14), (x + 120, y + 110 + i * 14)], fill=(180, 180, 180), width=4
        )
    draw.line(
        [(x + 75, y + 200), (x + 70, h * 0.5), (x + 150, h * 0.56)], fill=(30, 30, 30), width=5
    )
    draw.rectangle((x + 150, h * 0.54, x + 180, h * 0.58), fill=(40, 40, 40))  # the plug, out


def _scene_wall_crack(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (205, 200, 185)))
    for r in range(0, h, 40):  # brick courses showing through the plaster
        for c in range(-(r // 40 % 2) * 40, w, 80):
            if rng.random() < 0.15:
                draw.rectangle((c, r, c + 76, r + 36), fill=_jitter(rng, (170, 110, 90)))
    x, y = w * (0.3 + rng.random() * 0.2), h * 0.1
    points = [(x, y)]
    while y < h * 0.9:
        x += rng.uniform(-30, 30)
        y += rng.uniform(20, 45)
        points.append((x, y))
    draw.line(points, fill=(40, 35, 30), width=5)
    draw.rectangle((x + 40, h * 0.2, x + 64, h * 0.85), fill=(250, 220, 60))  # the ruler
    for i in range(12):
        draw.line(
            [(x + 40, h * 0.2 + i * 40), (x + 54, h * 0.2 + i * 40)], fill=(30, 30, 30), width=2
        )


def _scene_drain(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (150, 145, 135)))
    draw.rectangle((0, 0, w, h * 0.25), fill=_jitter(rng, (215, 205, 185)))  # the dorm's back wall
    draw.polygon(
        [(w * 0.2, h), (w * 0.45, h * 0.25), (w * 0.55, h * 0.25), (w * 0.6, h)], fill=(80, 80, 75)
    )
    for _ in range(260):  # fallen leaves
        lx, ly = rng.uniform(w * 0.2, w * 0.6), rng.uniform(h * 0.3, h)
        col = rng.choice([(190, 140, 40), (160, 90, 30), (210, 170, 60), (120, 80, 30)])
        draw.ellipse((lx, ly, lx + rng.randint(8, 20), ly + rng.randint(5, 12)), fill=col)


def _scene_lab(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (225, 230, 235)))
    for s in range(3):  # shelves of bottles
        y = h * 0.12 + s * 110
        draw.rectangle((w * 0.05, y + 80, w * 0.6, y + 90), fill=(120, 100, 80))
        for b in range(9):
            bx = w * 0.07 + b * 58
            draw.rectangle((bx, y + 30, bx + 30, y + 80), fill=_jitter(rng, (150, 190, 210), 40))
            draw.rectangle((bx + 10, y + 18, bx + 20, y + 30), fill=(80, 80, 80))
    draw.rectangle((0, h * 0.75, w, h), fill=(160, 160, 150))
    bx = w * (0.66 + rng.random() * 0.08)
    draw.rectangle(
        (bx, h * 0.45, bx + 180, h * 0.85), fill=(40, 90, 170)
    )  # the waste bucket, no label
    draw.rectangle((bx - 10, h * 0.42, bx + 190, h * 0.46), fill=(30, 70, 140))
    if fixed:  # the hazardous-waste label
        draw.rectangle(
            (bx + 30, h * 0.55, bx + 150, h * 0.7), fill=(250, 220, 40), outline=(0, 0, 0), width=3
        )
        draw.polygon(
            [(bx + 90, h * 0.57), (bx + 60, h * 0.68), (bx + 120, h * 0.68)],
            outline=(0, 0, 0),
            width=3,
        )


def _scene_fire_lane(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (170, 205, 235)))
    draw.rectangle((0, h * 0.15, w * 0.35, h * 0.6), fill=_jitter(rng, (215, 200, 170)))
    draw.rectangle((0, h * 0.6, w, h), fill=(110, 110, 110))
    for i in range(6):  # the painted fire lane
        draw.line(
            [(w * 0.2 + i * 120, h * 0.65), (w * 0.1 + i * 120, h)], fill=(240, 200, 30), width=8
        )
    x = w * (0.35 + rng.random() * 0.15)
    colour = rng.choice([(200, 200, 205), (40, 40, 45), (150, 20, 20), (230, 230, 230)])
    draw.rounded_rectangle((x, h * 0.55, x + 360, h * 0.78), radius=24, fill=colour)
    draw.rounded_rectangle((x + 70, h * 0.45, x + 270, h * 0.58), radius=18, fill=colour)
    draw.rectangle((x + 90, h * 0.48, x + 250, h * 0.56), fill=(150, 190, 220))
    for wx in (x + 70, x + 290):
        draw.ellipse((wx - 38, h * 0.72, wx + 38, h * 0.84), fill=(25, 25, 25))


def _scene_guard(draw, rng, w, h, fixed=False):
    _scene_gate(draw, rng, w, h, fixed)
    for i, x in enumerate((w * 0.35, w * 0.5)):
        _pupil(draw, x, h * 0.86, 50, (30, 40, 60))
        if i == 0:  # the restraint fork
            draw.line([(x + 20, h * 0.7), (x + 260, h * 0.55)], fill=(120, 120, 120), width=8)
            draw.arc((x + 240, h * 0.48, x + 300, h * 0.6), 90, 270, fill=(120, 120, 120), width=8)


def _scene_classroom_door(draw, rng, w, h, fixed=False):
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (230, 225, 210)))
    draw.rectangle((0, h * 0.8, w, h), fill=_jitter(rng, (170, 160, 140)))
    x = w * (0.3 + rng.random() * 0.2)
    draw.rectangle((x, h * 0.12, x + 260, h * 0.8), fill=_jitter(rng, (150, 100, 60)))
    draw.rectangle((x + 60, h * 0.2, x + 200, h * 0.4), fill=(180, 210, 230))
    draw.rectangle((x + 210, h * 0.45, x + 240, h * 0.55), fill=(200, 200, 60))  # the bolt, shot
    _pupil(draw, x - 80, h * 0.82, 40, (60, 60, 60))


SCENES: dict[str, Callable] = {
    "extinguisher": _scene_extinguisher,
    "corridor": _scene_corridor,
    "blocked_exit": _scene_blocked_exit,
    "dark_exit": _scene_dark_exit,
    "railing": _scene_railing,
    "assembly": _scene_assembly,
    "evacuation": _scene_evacuation,
    "training": _scene_training,
    "earthquake": _scene_earthquake,
    "bus": _scene_bus,
    "gate": _scene_gate,
    "monitor": _scene_monitor,
    "dormitory": _scene_dormitory,
    "kitchen": _scene_kitchen,
    "gas_alarm": _scene_gas_alarm,
    "wall_crack": _scene_wall_crack,
    "drain": _scene_drain,
    "lab": _scene_lab,
    "fire_lane": _scene_fire_lane,
    "guard": _scene_guard,
    "classroom_door": _scene_classroom_door,
}


@functools.cache
def _caption_font(size: int):
    from PIL import ImageFont

    from app.reports.fonts import candidate_paths, configured_font

    for path, index in candidate_paths(configured_font()):
        if Path(path).is_file():
            try:
                return ImageFont.truetype(path, size, index=index), True
            except OSError:
                continue
    return ImageFont.load_default(), False


def _tick(draw, x: float, y: float) -> None:
    """A green tick badge: the photo after the fix."""
    draw.ellipse((x, y, x + 110, y + 110), fill=(40, 160, 80), outline=(255, 255, 255), width=5)
    draw.line(
        [(x + 25, y + 58), (x + 48, y + 82), (x + 88, y + 30)], fill=(255, 255, 255), width=12
    )


def draw_photo(
    path: Path,
    subject: str,
    caption: str,
    taken_at: datetime,
    seed: int,
    *,
    fixed: bool = False,
) -> Path:
    """Write a JPEG of ``subject`` (a key of :data:`SCENES`) to ``path``; returns ``path``.

    ``caption`` is printed on a strip along the bottom, ``taken_at`` (aware)
    in the corner and as the EXIF date; ``fixed`` adds the green tick of an
    "after" photo (the scene without its problem). Deterministic in its arguments.
    """
    from PIL import Image, ImageDraw

    rng = random.Random(f"{subject}/{seed}")
    im = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    draw = ImageDraw.Draw(im)
    SCENES[subject](draw, rng, WIDTH, HEIGHT, fixed)
    if fixed:
        _tick(draw, WIDTH - 150, 60)
    local = taken_at.astimezone(SCHOOL_TZ)
    stamp_font, _ = _caption_font(26)
    draw.text(
        (WIDTH - 300, 16), local.strftime("%Y-%m-%d %H:%M"), fill=(255, 170, 40), font=stamp_font
    )
    font, cjk = _caption_font(30)
    draw.rectangle((0, HEIGHT - 56, WIDTH, HEIGHT), fill=(0, 0, 0))
    draw.text((20, HEIGHT - 48), caption if cjk else subject, fill=(255, 255, 255), font=font)
    exif = Image.Exif()
    exif[0x0132] = local.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    exif[0x010F] = "xiaoan"  # Make
    exif[0x0110] = "demo camera"  # Model
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    sub[0x9011] = "+08:00"  # OffsetTimeOriginal
    im.save(path, "JPEG", quality=QUALITY, exif=exif)
    return path
