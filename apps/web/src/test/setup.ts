import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// What jsdom lacks of the browser the app relies on (environment only, not app behaviour):
// Request resolves a relative address against the page, as a browser's does, so the app's
// same-origin client ("/api/v1/…") works unchanged…
const BrowserlessRequest = globalThis.Request;
globalThis.Request = class extends BrowserlessRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === "string" && input.startsWith("/") ? new URL(input, window.location.origin) : input, init);
  }
} as typeof Request;

// …and a modal <dialog> opens and closes (jsdom has the element but not these methods).
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
