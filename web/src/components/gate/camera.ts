// The browser's BarcodeDetector (Chromium on Android and macOS; absent elsewhere), typed here
// because TypeScript's DOM library does not describe it yet.
export interface DetectedBarcode {
  rawValue: string;
}
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
export type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;

declare global {
  // The constructor where the browser has one (declared here as the DOM library lacks it).
  var BarcodeDetector: BarcodeDetectorCtor | undefined;
}

export function barcodeDetector(): BarcodeDetectorCtor | undefined {
  return typeof globalThis.BarcodeDetector === 'function' ? globalThis.BarcodeDetector : undefined;
}

/** Whether the camera button is offered: a detector and a camera API. */
export function cameraSupported(): boolean {
  return !!barcodeDetector() && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}
