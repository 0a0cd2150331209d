/** The virtual clock every test uses; it lives with the emulator, which takes it too (and imports nothing else). */
export { VirtualClock, type TestClock } from '../emulator/virtual-clock';
