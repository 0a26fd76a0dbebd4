import { type ReactNode, useEffect, useRef } from "react";
import { useLocation, useNavigationType } from "react-router";

/**
 * A page: sets the document title and renders the page's one h1. After a navigation inside the
 * app to another page (not on the first load, not on back/forward, and not when only the query
 * string changes, as on the sociale kaart while typing) focus moves to the h1, so screen readers
 * hear that a new page opened.
 */
export function Page({
  title,
  heading = title,
  before,
  children,
}: {
  title: string;
  heading?: ReactNode;
  /** Shown above the h1, such as a link back. */
  before?: ReactNode;
  children?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const { pathname } = useLocation();
  const navigationTypeRef = useRef(navigationType);
  navigationTypeRef.current = navigationType;

  useEffect(() => {
    document.title = `${title} - Schakel`;
  }, [title]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per page (path), not per query string
  useEffect(() => {
    if (navigationTypeRef.current !== "POP") headingRef.current?.focus();
  }, [pathname]);

  return (
    <>
      {before}
      <h1 className="utrecht-heading-1" ref={headingRef} tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </>
  );
}
