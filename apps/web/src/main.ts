import './styles.css';
// Defines <ecco-factors>.
import '@explainable-ecco/visualizer';
import { startApp } from './app.js';

startApp();
