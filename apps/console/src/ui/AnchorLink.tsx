import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

function AnchorA(props: AnchorProps & Omit<ComponentPropsWithRef<'a'>, keyof AnchorProps>) {
  return <Anchor {...props} />;
}

/**
 * A link inside the console: Mantine's Anchor as it looks, TanStack Router's Link as it navigates, so that the
 * compiler checks its path, params and search. A real anchor: it opens in a new tab and reads as a link.
 */
export const AnchorLink = createLink(AnchorA);
