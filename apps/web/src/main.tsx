import "@utrecht/design-tokens/dist/index.css";
import "@utrecht/component-library-css/dist/index.css";
import "./design-token-icons.css";
import "./styles.css";
import "./reflow.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { createAppQueryClient } from "./api/client";
import { appRoutes } from "./app";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createAppQueryClient()}>
      <RouterProvider router={createBrowserRouter(appRoutes)} />
    </QueryClientProvider>
  </StrictMode>,
);
