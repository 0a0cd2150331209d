/** @jest-environment jsdom */
import { Button, Modal, ModalBody, Panel, PanelBody, Text } from '@hubspot/ui-extensions';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderCard } from './render-remote';

describe('overlays by id', () => {
  it('opens only the overlay of the clicked button when two buttons carry the same id', async () => {
    await renderCard(
      <>
        <Button
          overlay={
            <Modal id="details" title="First">
              <ModalBody>
                <Text>first body</Text>
              </ModalBody>
            </Modal>
          }
        >
          One
        </Button>
        <Button
          overlay={
            <Modal id="details" title="Second">
              <ModalBody>
                <Text>second body</Text>
              </ModalBody>
            </Modal>
          }
        >
          Two
        </Button>
      </>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Two' })));
    expect(screen.getAllByRole('dialog').map((d) => d.getAttribute('aria-label'))).toEqual(['Second']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'One' })));
    expect(screen.getAllByRole('dialog').map((d) => d.getAttribute('aria-label'))).toEqual(['First']);
  });

  it('closes with Escape', async () => {
    await renderCard(
      <Button overlay={<Modal id="m" title="Esc" />}>Open</Button>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open' })));
    expect(screen.getByRole('dialog')).toBeTruthy();
    await act(async () => fireEvent.keyDown(document, { key: 'Escape' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('draws a default Panel as a sheet over a usable page, and a modal Panel over a dimmed page', async () => {
    const { container } = await renderCard(
      <>
        <Button overlay={<Panel id="p1" title="Default panel"><PanelBody><Text>side</Text></PanelBody></Panel>}>Default</Button>
        <Button overlay={<Panel id="p2" title="Modal panel" variant="modal" width="lg"><PanelBody><Text>focus</Text></PanelBody></Panel>}>Modal</Button>
      </>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Default' })));
    const sheet = screen.getByRole('dialog', { name: 'Default panel' });
    expect(sheet.getAttribute('aria-modal')).toBe('false');
    expect(sheet.closest('.hs-panel-sheet')).not.toBeNull();
    expect(container.querySelector('.hs-overlay-backdrop')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Modal' })));
    const modal = screen.getByRole('dialog', { name: 'Modal panel' });
    expect(modal.getAttribute('aria-modal')).toBe('true');
    expect(modal.closest('.hs-overlay-backdrop')).not.toBeNull();
    expect(modal.className).toContain('hs-panel-lg');
    expect(document.activeElement).toBe(modal);
  });

  it('draws a danger Modal with its variant', async () => {
    await renderCard(<Button overlay={<Modal id="d" title="Delete" variant="danger" />}>Delete</Button>);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete' })));
    expect(screen.getByRole('dialog').getAttribute('data-variant')).toBe('danger');
  });
});
