import { beforeEach, describe, expect, test } from "vitest";
import { DRAFT_MAX_AGE_MS, discardAllDrafts, discardDraft, loadDraft, saveDraft } from "./drafts";

const userA = "0b6f1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d";
const userB = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

describe("drafts", () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  test("a draft comes back for the user who wrote it, within a working day, and only from this tab's storage", () => {
    saveDraft("verwijzen", userA, { givenName: "Fatima" }, 1_000);
    expect(loadDraft("verwijzen", userA, 1_000 + DRAFT_MAX_AGE_MS)).toEqual({ givenName: "Fatima" });
    expect(localStorage.length).toBe(0);
  });

  test("another user in the same tab never sees it, and it is removed", () => {
    saveDraft("verwijzen", userA, { givenName: "Fatima" }, 1_000);
    expect(loadDraft("verwijzen", userB, 1_000)).toBeNull();
    expect(loadDraft("verwijzen", userA, 1_000)).toBeNull();
  });

  test("a draft older than a working day is thrown away", () => {
    saveDraft("verwijzen", userA, { givenName: "Fatima" }, 1_000);
    expect(loadDraft("verwijzen", userA, 1_001 + DRAFT_MAX_AGE_MS)).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  test("damaged storage is treated as no draft", () => {
    sessionStorage.setItem("schakel.concept.verwijzen", "{not json");
    expect(loadDraft("verwijzen", userA)).toBeNull();
  });

  test("discarding one draft leaves others; sign-out discards every draft but nothing else", () => {
    saveDraft("verwijzen", userA, { a: 1 });
    saveDraft("dienst", userA, { b: 2 });
    sessionStorage.setItem("other-app", "keep");
    discardDraft("verwijzen");
    expect(loadDraft("dienst", userA)).toEqual({ b: 2 });
    discardAllDrafts();
    expect(loadDraft("dienst", userA)).toBeNull();
    expect(sessionStorage.getItem("other-app")).toBe("keep");
  });
});
