import { type ReactNode, useEffect, useRef } from "react";
import { useNavigationType } from "react-router";

/**
 * A page: sets the document title and renders the page's one h1. After a navigation inside the
 * app (not on the first load or back/forward) focus moves to the h1, so screen readers hear
 * that a new page opened.
 */
export function Page({ title, heading = title, children }: { title: string; heading?: ReactNode; children?: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();

  useEffect(() => {
    document.title = `${title} - Schakel`;
  }, [title]);

  useEffect(() => {
    if (navigationType !== "POP") headingRef.current?.focus();
  }, [navigationType]);

  return (
    <>
      <h1 className="utrecht-heading-1" ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </>
  );
}
