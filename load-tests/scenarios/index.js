// Every scenario by name, for the Node runner and the tests (each k6 script imports its own).
import medium from './medium.js';
import mixed from './mixed.js';
import saga from './saga.js';
import stress from './stress.js';

export const SCENARIOS = { medium, stress, saga, mixed };
