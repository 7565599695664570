import { expose } from 'comlink';
import { FileEngine } from './fileEngine';

expose(new FileEngine());
