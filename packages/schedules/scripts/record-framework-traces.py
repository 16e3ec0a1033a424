"""Records reference traces from the real optax, transformers and timm (and torch's CPU generator).

Run where those libraries are installed:  JAX_PLATFORMS=cpu python3 record-framework-traces.py OUT_DIR
Writes OUT_DIR/{optax,hugging-face,timm,torch-generator}.json: for every case, the float64 value at
every integer step (optax: schedule(step) with jax_enable_x64; transformers: optimizer lr after
`step` scheduler.step() calls; timm: optimizer lr after scheduler.step(t) / step_update(t)), and
OUT_DIR/versions.json. lrkit's preset tests replay these files to 1e-9 relative.
"""
import inspect
import json
import math
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else '.'
os.makedirs(out, exist_ok=True)
versions = {'python': sys.version}


def dump(name, data):
    with open(os.path.join(out, name), 'w') as handle:
        json.dump(data, handle, separators=(',', ':'))


# ---------------------------------------------------------------- optax
def record_optax():
    import jax
    jax.config.update('jax_enable_x64', True)
    import numpy as np
    import optax
    versions['optax'] = optax.__version__
    versions['jax'] = jax.__version__

    def build(spec):
        kwargs = dict(spec['kwargs'])
        if spec['name'] == 'join_schedules':
            kwargs['schedules'] = [build(inner) for inner in kwargs['schedules']]
        if 'boundaries_and_scales' in kwargs and kwargs['boundaries_and_scales'] is not None:
            kwargs['boundaries_and_scales'] = {int(k): v for k, v in kwargs['boundaries_and_scales'].items()}
        return getattr(optax, spec['name'])(**kwargs)

    S = lambda name, **kwargs: {'name': name, 'kwargs': kwargs}
    cases = [
        S('constant_schedule', value=0.3),
        S('linear_schedule', init_value=1.0, end_value=0.01, transition_steps=100, transition_begin=5),
        S('linear_schedule', init_value=0.0, end_value=2.0, transition_steps=37),
        S('linear_schedule', init_value=1.0, end_value=0.5, transition_steps=0),
        S('linear_schedule', init_value=1.0, end_value=0.5, transition_steps=20, transition_begin=-3),
        S('polynomial_schedule', init_value=1.0, end_value=0.01, power=2, transition_steps=100, transition_begin=5),
        S('polynomial_schedule', init_value=0.5, end_value=0.0, power=0.5, transition_steps=73),
        S('exponential_decay', init_value=1.0, transition_steps=10, decay_rate=0.9),
        S('exponential_decay', init_value=1.0, transition_steps=7, decay_rate=0.5, transition_begin=20, staircase=True),
        S('exponential_decay', init_value=0.8, transition_steps=10, decay_rate=0.8, end_value=0.3),
        S('exponential_decay', init_value=0.1, transition_steps=10, decay_rate=1.25, end_value=1.0),
        S('exponential_decay', init_value=0.1, transition_steps=5, decay_rate=1.1, staircase=True),
        S('exponential_decay', init_value=0.4, transition_steps=10, decay_rate=0.0),
        S('exponential_decay', init_value=0.4, transition_steps=0, decay_rate=0.5),
        S('exponential_decay', init_value=1.0, transition_steps=3, decay_rate=0.95, transition_begin=-5, staircase=True, end_value=0.5),
        S('cosine_decay_schedule', init_value=0.5, decay_steps=150),
        S('cosine_decay_schedule', init_value=1.0, decay_steps=100, alpha=0.1, exponent=2.0),
        S('cosine_decay_schedule', init_value=2.0, decay_steps=63, alpha=0.25, exponent=0.5),
        S('warmup_constant_schedule', init_value=0.0, peak_value=1.0, warmup_steps=10),
        S('warmup_cosine_decay_schedule', init_value=0.0, peak_value=1.0, warmup_steps=10, decay_steps=100, end_value=0.01),
        S('warmup_cosine_decay_schedule', init_value=0.1, peak_value=0.5, warmup_steps=0, decay_steps=80, exponent=2.0),
        S('warmup_cosine_decay_schedule', init_value=1e-4, peak_value=3e-3, warmup_steps=25, decay_steps=177, end_value=1e-5, exponent=1.5),
        S('warmup_exponential_decay_schedule', init_value=0.0, peak_value=1.0, warmup_steps=10, transition_steps=20, decay_rate=0.5),
        S('warmup_exponential_decay_schedule', init_value=0.01, peak_value=1.0, warmup_steps=15, transition_steps=7, decay_rate=0.7, transition_begin=5, staircase=True, end_value=0.1),
        S('piecewise_constant_schedule', init_value=1.0, boundaries_and_scales={'30': 0.1, '60': 0.5, '90': 2.0}),
        S('piecewise_constant_schedule', init_value=0.7, boundaries_and_scales=None),
        S('piecewise_constant_schedule', init_value=0.7, boundaries_and_scales={'0': 0.5, '45': 0.0}),
        S('piecewise_interpolate_schedule', interpolate_type='linear', init_value=1.0, boundaries_and_scales={'4': 0.1, '8': 0.01}),
        S('piecewise_interpolate_schedule', interpolate_type='cosine', init_value=0.2, boundaries_and_scales={'20': 5.0, '50': 0.1, '100': 0.2}),
        S('piecewise_interpolate_schedule', interpolate_type='linear', init_value=0.3, boundaries_and_scales={'0': 2.0, '10': 0.5, '11': 3.0}),
        S('piecewise_interpolate_schedule', interpolate_type='cosine', init_value=0.3, boundaries_and_scales=None),
        S('join_schedules', schedules=[S('constant_schedule', value=0.1), S('linear_schedule', init_value=0.1, end_value=1.0, transition_steps=30), S('cosine_decay_schedule', init_value=1.0, decay_steps=60, alpha=0.05)], boundaries=[10, 40]),
        S('join_schedules', schedules=[S('exponential_decay', init_value=1.0, transition_steps=10, decay_rate=0.5), S('polynomial_schedule', init_value=0.5, end_value=0.0, power=3, transition_steps=50, transition_begin=10)], boundaries=[25]),
        S('sgdr_schedule', cosine_kwargs=[dict(init_value=0.0, peak_value=1.0, warmup_steps=5, decay_steps=50, end_value=0.01), dict(init_value=0.0, peak_value=0.5, warmup_steps=5, decay_steps=80), dict(init_value=0.1, peak_value=0.25, warmup_steps=0, decay_steps=40, end_value=0.05, exponent=2.0)]),
        S('cosine_onecycle_schedule', transition_steps=100, peak_value=1.0),
        S('cosine_onecycle_schedule', transition_steps=137, peak_value=0.4, pct_start=0.25, div_factor=10.0, final_div_factor=100.0),
        S('linear_onecycle_schedule', transition_steps=100, peak_value=1.0),
        S('linear_onecycle_schedule', transition_steps=133, peak_value=0.4, pct_start=0.2, pct_final=0.9, div_factor=5.0, final_div_factor=50.0),
    ]
    results = []
    for spec in cases:
        schedule = build(spec)
        values = [float(np.asarray(schedule(step), dtype=np.float64)) for step in range(0, 261)]
        results.append({**spec, 'values': values})
    dump('optax.json', results)


# ---------------------------------------------------------------- transformers
def record_hugging_face():
    import torch
    import transformers
    from transformers import get_scheduler
    versions['transformers'] = transformers.__version__

    H = lambda name, base_lr, warmup=None, training=None, steps=140, metrics=None, **specific: {
        'name': name, 'base_lr': base_lr, 'num_warmup_steps': warmup, 'num_training_steps': training,
        'scheduler_specific_kwargs': specific or None, 'steps': steps, 'metrics': metrics}
    cases = [
        H('linear', 0.1, 10, 100), H('linear', 5e-5, 0, 100), H('linear', 0.1, 10, 10), H('linear', 0.1, 20, 10),
        H('linear', 0.1, 7.5, 100.5),
        H('cosine', 0.1, 10, 100), H('cosine', 1e-3, 0, 90, num_cycles=1.5), H('cosine', 0.1, 5, 60, num_cycles=0.25),
        H('cosine', 0.1, 7.5, 100),
        H('cosine_with_restarts', 0.1, 5, 100, num_cycles=3), H('cosine_with_restarts', 0.1, 0, 77), H('cosine_with_restarts', 0.1, 10, 100, num_cycles=2.5),
        H('polynomial', 0.1, 10, 100), H('polynomial', 0.1, 10, 100, lr_end=1e-4, power=2.0), H('polynomial', 3e-4, 0, 50, lr_end=1e-5, power=0.5),
        H('constant', 0.1), H('constant_with_warmup', 0.1, 10), H('constant_with_warmup', 0.1, 0),
        H('inverse_sqrt', 0.1, 10), H('inverse_sqrt', 0.1, 0), H('inverse_sqrt', 0.1, 25),
        H('cosine_with_min_lr', 0.1, 10, 100, min_lr=1e-3), H('cosine_with_min_lr', 0.1, 5, 80, min_lr_rate=0.1, num_cycles=1.0),
        H('cosine_warmup_with_min_lr', 0.1, 10, 100, min_lr_rate=0.1), H('cosine_warmup_with_min_lr', 0.1, 10, 100, min_lr=1e-3, warmup_lr_rate=0.2),
        H('cosine_warmup_with_min_lr', 0.1, 0, 60, min_lr_rate=0.05), H('cosine_warmup_with_min_lr', 0.1, 1, 60, min_lr_rate=0.05, warmup_lr_rate=0.5),
        H('warmup_stable_decay', 0.1, 10, 100, num_decay_steps=20),
        H('warmup_stable_decay', 0.1, 10, 100, num_decay_steps=30, decay_type='linear', min_lr_ratio=0.1),
        H('warmup_stable_decay', 0.1, 10, None, num_decay_steps=30, num_stable_steps=40, warmup_type='cosine', decay_type='1-sqrt', min_lr_ratio=0.05),
        H('warmup_stable_decay', 0.1, 8, 100, num_decay_steps=40, warmup_type='1-sqrt', decay_type='cosine', num_cycles=1.0),
        H('reduce_lr_on_plateau', 0.1, steps=20, metrics=[1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85], factor=0.5, patience=2),
        H('reduce_lr_on_plateau', 0.1, steps=12, metrics=[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
    ]
    results = []
    for case in cases:
        parameter = torch.nn.Parameter(torch.zeros(1))
        optimizer = torch.optim.SGD([parameter], lr=case['base_lr'])
        try:
            scheduler = get_scheduler(case['name'], optimizer, num_warmup_steps=case['num_warmup_steps'],
                                      num_training_steps=case['num_training_steps'],
                                      scheduler_specific_kwargs=case['scheduler_specific_kwargs'])
        except Exception as error:  # recorded: the preset must reject the same input
            results.append({**case, 'error': f'{type(error).__name__}: {error}'})
            continue
        values = [optimizer.param_groups[0]['lr']]
        for step in range(case['steps']):
            optimizer.step()
            if case['metrics'] is not None:
                scheduler.step(case['metrics'][step])
            else:
                scheduler.step()
            values.append(optimizer.param_groups[0]['lr'])
        results.append({**case, 'values': values})
    # timescale through the function itself (get_scheduler may not forward it)
    from transformers.optimization import get_inverse_sqrt_schedule
    for warmup, timescale in [(10, 40), (0, 7)]:
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        scheduler = get_inverse_sqrt_schedule(optimizer, num_warmup_steps=warmup, timescale=timescale)
        values = [optimizer.param_groups[0]['lr']]
        for _ in range(140):
            optimizer.step(); scheduler.step(); values.append(optimizer.param_groups[0]['lr'])
        results.append({'name': 'get_inverse_sqrt_schedule', 'base_lr': 0.1, 'num_warmup_steps': warmup, 'timescale': timescale, 'values': values})
    dump('hugging-face.json', results)


# ---------------------------------------------------------------- timm
def record_timm():
    import torch
    import timm
    from timm.scheduler import create_scheduler_v2
    import timm.scheduler as scheduler_module
    versions['timm'] = timm.__version__
    versions['torch'] = torch.__version__

    T = lambda steps=120, base_lr=0.1, updates_per_epoch=0, **kwargs: {'kwargs': kwargs, 'steps': steps, 'base_lr': base_lr, 'updates_per_epoch': updates_per_epoch}
    cases = [
        T(sched='cosine', num_epochs=50, warmup_epochs=5, warmup_lr=1e-4, min_lr=1e-5),
        T(sched='cosine', num_epochs=50, warmup_epochs=5, warmup_lr=1e-4, min_lr=1e-5, warmup_prefix=True),
        T(sched='cosine', num_epochs=10, cycle_mul=2.0, cycle_decay=0.5, cycle_limit=4, min_lr=1e-3),
        T(sched='cosine', num_epochs=20, cycle_limit=3, cycle_decay=0.7, warmup_epochs=3, warmup_prefix=True, min_lr=1e-4),
        T(sched='cosine', num_epochs=60, k_decay=2.0, min_lr=1e-5),
        T(sched='cosine', num_epochs=60, k_decay=0.5, warmup_epochs=4, warmup_lr=0.0),
        T(sched='cosine', num_epochs=13, cycle_mul=1.5, cycle_decay=0.8, cycle_limit=5, k_decay=1.5, warmup_epochs=2, warmup_prefix=True),
        T(sched='tanh', num_epochs=40, warmup_epochs=5, warmup_lr=1e-4, min_lr=1e-5),
        T(sched='tanh', num_epochs=40, warmup_epochs=5, warmup_lr=1e-4, min_lr=1e-5, warmup_prefix=True),
        T(sched='tanh', num_epochs=15, cycle_mul=1.5, cycle_decay=0.5, cycle_limit=4, min_lr=1e-4),
        T(sched='tanh', num_epochs=30, cycle_limit=2, cycle_decay=0.9),
        T(sched='step', decay_epochs=10, decay_rate=0.5, warmup_epochs=3, warmup_lr=1e-3),
        T(sched='step', decay_epochs=7, decay_rate=0.3, warmup_epochs=3, warmup_lr=1e-3, warmup_prefix=True),
        T(sched='multistep', decay_milestones=[10, 25, 40], decay_rate=0.3, warmup_epochs=2, warmup_lr=1e-3),
        T(sched='multistep', decay_milestones=[10, 25, 40], decay_rate=0.3, warmup_epochs=4, warmup_lr=1e-3, warmup_prefix=True),
        T(sched='poly', num_epochs=50, decay_rate=2.0, min_lr=1e-4, warmup_epochs=5),
        T(sched='poly', num_epochs=20, decay_rate=0.5, k_decay=1.5, cycle_limit=3, cycle_decay=0.5, cycle_mul=2.0),
        T(sched='cosine', num_epochs=50, min_lr=1e-5, noise=[0.4, 0.9], noise_pct=0.67, noise_seed=42),
        T(sched='cosine', num_epochs=50, min_lr=1e-5, noise=0.5, noise_pct=0.1, noise_std=0.5, noise_seed=7),
        T(sched='tanh', num_epochs=40, noise=[0.25], noise_pct=0.3, noise_seed=0),
        T(sched='step', decay_epochs=10, decay_rate=0.5, noise=[0.2, 0.6], noise_pct=1.5, noise_seed=123),
        T(steps=120, updates_per_epoch=7, sched='cosine', num_epochs=10, warmup_epochs=1, warmup_lr=1e-4, min_lr=1e-5, step_on_epochs=False),
        T(steps=120, updates_per_epoch=6, sched='cosine', num_epochs=12, noise=[0.3, 0.8], noise_pct=0.5, step_on_epochs=False, cycle_limit=2, cycle_decay=0.5),
        T(steps=100, updates_per_epoch=5, sched='multistep', decay_milestones=[3, 8], decay_rate=0.5, warmup_epochs=1, step_on_epochs=False),
    ]
    results = []
    for case in cases:
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=case['base_lr'])
        kwargs = dict(case['kwargs'])
        try:
            scheduler, num_epochs = create_scheduler_v2(optimizer, **kwargs, updates_per_epoch=case['updates_per_epoch'])
        except Exception as error:
            results.append({**case, 'error': f'{type(error).__name__}: {error}'})
            continue
        initial = optimizer.param_groups[0]['lr']
        values = []
        on_epochs = kwargs.get('step_on_epochs', True)
        for t in range(case['steps'] + 1):
            if on_epochs:
                scheduler.step(t)
            else:
                scheduler.step_update(t)
            values.append(optimizer.param_groups[0]['lr'])
        results.append({**case, 'num_epochs': num_epochs, 'initial': initial, 'values': values})
    # direct classes: options create_scheduler_v2 does not pass
    direct = [
        ('TanhLRScheduler', dict(t_initial=30, lb=-6.0, ub=4.0, lr_min=1e-4, cycle_limit=2, warmup_t=3, warmup_lr_init=1e-3)),
        ('CosineLRScheduler', dict(t_initial=25, lr_min=0.0, cycle_mul=1.0, cycle_decay=1.0, cycle_limit=0)),
        ('CosineLRScheduler', dict(t_initial=25, noise_range_t=10, noise_pct=0.67, noise_type='uniform', noise_seed=3)),
    ]
    for class_name, kwargs in direct:
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        try:
            scheduler = getattr(scheduler_module, class_name)(optimizer, **kwargs)
        except Exception as error:
            results.append({'class': class_name, 'kwargs': kwargs, 'error': f'{type(error).__name__}: {error}'})
            continue
        values = []
        for t in range(81):
            scheduler.step(t)
            values.append(optimizer.param_groups[0]['lr'])
        results.append({'class': class_name, 'kwargs': kwargs, 'base_lr': 0.1, 'values': values})
    dump('timm.json', results)


def record_torch_generator():
    import torch
    data = []
    for seed in [0, 1, 7, 42, 43, 123, 12345, 2**31 - 1, 2**32 + 5]:
        g = torch.Generator(); g.manual_seed(seed)
        normals = [torch.randn(1, generator=g).item() for _ in range(8)]
        g.manual_seed(seed)
        uniforms = [torch.rand(1, generator=g).item() for _ in range(4)]
        g.manual_seed(seed)
        doubles = [torch.randn(1, generator=g, dtype=torch.float64).item() for _ in range(4)]
        data.append({'seed': seed, 'randn': normals, 'rand': uniforms, 'randn_float64': doubles})
    dump('torch-generator.json', data)


def sources():
    chunks = []
    try:
        import optax.schedules._schedule as a, optax.schedules._join as b
        for module in (a, b):
            chunks.append(f'# ==== {module.__file__}\n' + inspect.getsource(module))
        with open(os.path.join(out, 'optax-source.py'), 'w') as handle:
            handle.write('\n'.join(chunks))
    except Exception as error:
        print('optax source', error)
    try:
        import transformers.optimization as o
        with open(os.path.join(out, 'hf-source.py'), 'w') as handle:
            handle.write(inspect.getsource(o))
    except Exception as error:
        print('hf source', error)
    try:
        import timm.scheduler as s
        folder = os.path.dirname(s.__file__)
        chunks = []
        for name in sorted(os.listdir(folder)):
            if name.endswith('.py'):
                with open(os.path.join(folder, name)) as handle:
                    chunks.append(f'# ==== {name}\n' + handle.read())
        with open(os.path.join(out, 'timm-source.py'), 'w') as handle:
            handle.write('\n'.join(chunks))
    except Exception as error:
        print('timm source', error)


for task in (sources, record_optax, record_hugging_face, record_timm, record_torch_generator):
    try:
        task()
        print('done', task.__name__, flush=True)
    except Exception as error:
        import traceback
        traceback.print_exc()
dump('versions.json', versions)
print(versions)
