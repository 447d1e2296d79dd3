"""Every subclass and override of faust, mode and aiokafka internals, in one place.

khabar leans on faust for its agents, tables and consumer group, and on a handful of its (and
aiokafka's) private methods and attributes where the public API has no way in: a safe seek
after a rebalance, the embedded broker's fetch wait and end offsets, bounded RocksDB memory,
a table's changelog replay, the worker's spinner. Each is here, and only here, with why it is
needed in its docstring; ``docs/framework-hooks.md`` lists them, and
``tests/unit/streams/test_framework_hooks.py`` checks that every private name they use still
exists, with the signature expected, in the installed faust and aiokafka.

Modules: :mod:`streams.hooks.consumer` (consumer, transport, fetch), :mod:`streams.hooks.app`
(the app, worker, monitor, producer), :mod:`streams.hooks.tables` (tables and their stores),
:mod:`streams.hooks.codecs` (changelog codecs that read any bytes).
"""
