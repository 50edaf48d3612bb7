// Full suite: the bad CLI/config table (the same table as the quick suite; it is already complete).
import '../test/reliability/badInputs.test.js';
