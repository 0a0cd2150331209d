/** Entry of the sandbox page (bundled by esbuild with React 18.3.1, served by the sandbox server). */
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('the sandbox page has no #root element');
createRoot(container).render(<App />);
