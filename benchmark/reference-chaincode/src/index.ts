import { PutOneKeyContract } from './put-one-key';

export const contracts = [PutOneKeyContract];
