/**
 * The two Teams icons, drawn in code so they can be regenerated exactly: a database cylinder.
 * Colour: 192x192, white cylinder on the accent colour. Outline: 32x32, white strokes on a fully
 * transparent background (Teams shows it tinted, so it must be white and alpha only).
 */
import { encodePng } from './png';

export const ACCENT = '#1E6B8C';
const SAMPLES = 4; // 4x4 samples per pixel for smooth edges

type Shape = (x: number, y: number) => boolean; // coordinates in 0..1 of the icon

function ellipse(cx: number, cy: number, rx: number, ry: number): Shape {
  return (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
}

/** A stroke along an ellipse (optionally only its lower half), `w` wide. */
function ellipseStroke(cx: number, cy: number, rx: number, ry: number, w: number, lowerOnly = false): Shape {
  const outer = ellipse(cx, cy, rx + w / 2, ry + w / 2);
  const inner = ellipse(cx, cy, rx - w / 2, ry - w / 2);
  return (x, y) => (!lowerOnly || y >= cy) && outer(x, y) && !inner(x, y);
}

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

const any =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

function coverage(shape: Shape, px: number, py: number, size: number): number {
  let hit = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hit++;
    }
  }
  return hit / (SAMPLES * SAMPLES);
}

function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// The cylinder, in the unit square; the colour icon draws it inside the central 60%.
const LEFT = 0.2;
const RIGHT = 0.8;
const TOP = 0.27;
const BOTTOM = 0.73;
const RX = (RIGHT - LEFT) / 2;
const RY = 0.1;

function scaled(shape: Shape, margin: number): Shape {
  const k = 1 - 2 * margin;
  return (x, y) => shape((x - margin) / k, (y - margin) / k);
}

export function colourIcon(): Buffer {
  const size = 192;
  const body = scaled(any(ellipse(0.5, TOP, RX, RY), rect(LEFT, TOP, RIGHT, BOTTOM), ellipse(0.5, BOTTOM, RX, RY)), 0.2);
  const w = 0.035;
  const lines = scaled(
    any(ellipseStroke(0.5, TOP, RX, RY, w, true), ellipseStroke(0.5, 0.42, RX, RY, w, true), ellipseStroke(0.5, 0.57, RX, RY, w, true)),
    0.2,
  );
  const [ar, ag, ab] = hex(ACCENT);
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const white = coverage(body, x, y, size) * (1 - coverage(lines, x, y, size));
      const i = (y * size + x) * 4;
      out[i] = Math.round(ar + (255 - ar) * white);
      out[i + 1] = Math.round(ag + (255 - ag) * white);
      out[i + 2] = Math.round(ab + (255 - ab) * white);
      out[i + 3] = 255;
    }
  }
  return encodePng(size, size, out);
}

export function outlineIcon(): Buffer {
  const size = 32;
  const w = 2 / size;
  const strokes = any(
    ellipseStroke(0.5, TOP, RX, RY, w),
    rect(LEFT - w / 2, TOP, LEFT + w / 2, BOTTOM),
    rect(RIGHT - w / 2, TOP, RIGHT + w / 2, BOTTOM),
    ellipseStroke(0.5, BOTTOM, RX, RY, w, true),
    ellipseStroke(0.5, 0.5, RX, RY, w, true),
  );
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      out.set([255, 255, 255, Math.round(255 * coverage(strokes, x, y, size))], i);
    }
  }
  return encodePng(size, size, out);
}
