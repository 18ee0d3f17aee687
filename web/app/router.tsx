import { createBrowserRouter } from 'react-router';
import { RouteErrorPage } from './route-error-page.tsx';
import { PublicLayout, RootLayout } from './root-layout.tsx';
import { publicRoutes, signedInRoutes } from './routes.tsx';
import { SignedInLayout } from './signed-in-layout.tsx';

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { element: <PublicLayout />, children: publicRoutes },
      {
        path: '/',
        element: <SignedInLayout />,
        // A failing page keeps the shell around it, so people can navigate away.
        children: [{ errorElement: <RouteErrorPage isInShell />, children: signedInRoutes }],
      },
    ],
  },
]);
