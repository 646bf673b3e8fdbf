import { Button } from '@bureau/core/ui';
import { onMount } from 'solid-js';

/**
 * A signature drawn with a finger, a pen or the mouse (pointer events) on a canvas; `onChange`
 * gets the drawing as a PNG data URL after each stroke, or null once cleared.
 */
export function SignaturePad(props: {
  label: string;
  hint: string;
  clearLabel: string;
  onChange: (dataUrl: string | null) => void;
}) {
  let canvas: HTMLCanvasElement | undefined;
  let drawing = false;
  const pen = () => canvas?.getContext('2d');
  const point = (e: PointerEvent) => {
    const box = (canvas as HTMLCanvasElement).getBoundingClientRect();
    const scale = (canvas as HTMLCanvasElement).width / box.width;
    return { x: (e.clientX - box.left) * scale, y: (e.clientY - box.top) * scale };
  };
  onMount(() => {
    const c = canvas as HTMLCanvasElement;
    c.width = 600;
    c.height = 240;
    const ctx = pen();
    if (!ctx) return;
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  });
  const down = (e: PointerEvent) => {
    const ctx = pen();
    if (!ctx || !canvas) return;
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
    e.preventDefault();
  };
  const move = (e: PointerEvent) => {
    const ctx = pen();
    if (!drawing || !ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    e.preventDefault();
  };
  const up = () => {
    if (!drawing || !canvas) return;
    drawing = false;
    props.onChange(canvas.toDataURL('image/png'));
  };
  const clear = () => {
    if (!canvas) return;
    pen()?.clearRect(0, 0, canvas.width, canvas.height);
    props.onChange(null);
  };
  return (
    <div class="field signature-field">
      <span class="field-label" id="signature-label">
        {props.label}
      </span>
      <canvas
        ref={canvas}
        class="signature-pad"
        role="img"
        aria-labelledby="signature-label"
        aria-describedby="signature-hint"
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        style={{
          width: '100%',
          'max-width': '600px',
          'aspect-ratio': '5 / 2',
          border: '1px solid var(--border, #999)',
          'border-radius': '6px',
          background: '#fff',
          'touch-action': 'none',
        }}
      />
      <span class="field-description" id="signature-hint">
        {props.hint}
      </span>
      <div>
        <Button size="sm" variant="ghost" onClick={clear}>
          {props.clearLabel}
        </Button>
      </div>
    </div>
  );
}

/** A photo from the phone's camera, scaled down to at most 1600 px and sent as a JPEG data URL. */
export async function photoDataUrl(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight));
    const c = document.createElement('canvas');
    c.width = Math.round(img.naturalWidth * scale);
    c.height = Math.round(img.naturalHeight * scale);
    c.getContext('2d')?.drawImage(img, 0, 0, c.width, c.height);
    return c.toDataURL('image/jpeg', 0.85);
  } finally {
    URL.revokeObjectURL(url);
  }
}
