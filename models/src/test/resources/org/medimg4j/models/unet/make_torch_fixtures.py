"""Writes torch_unet2d_tiny.txt and torch_unet3d_tiny.txt for TorchParityTest (run once; the outputs are committed).

Usage: PYTHONPATH=/work/shared/reference-nets /usr/bin/python3 make_torch_fixtures.py <this directory>
Each line: <state_dict key or input/output> <shape> : <values, C order>.
"""
import torch, torch_models as m, sys
torch.manual_seed(0)
def dump(dims, shape, path):
    net = m.UNet(dims, 1, 2, (2, 4))
    with torch.no_grad():
        for mod in net.modules():
            if isinstance(mod, (torch.nn.BatchNorm2d, torch.nn.BatchNorm3d)):
                mod.running_mean.uniform_(-0.5, 0.5); mod.running_var.uniform_(0.5, 2.0)
                mod.weight.uniform_(0.5, 1.5); mod.bias.uniform_(-0.3, 0.3)
    net.eval()
    x = torch.rand(shape)
    with torch.no_grad():
        y = net(x)
    with open(path, 'w') as f:
        f.write("# torch_models.UNet(dims=%d, 1, 2, features=(2, 4)) in eval mode, torch %s, seed 0\n" % (dims, torch.__version__))
        items = list(net.state_dict().items()) + [("input", x), ("output", y)]
        for k, v in items:
            if k.endswith("num_batches_tracked"): continue
            f.write("%s %s : %s\n" % (k, ",".join(str(d) for d in v.shape), " ".join(repr(float(a)) for a in v.flatten().tolist())))
dump(2, (1, 1, 8, 8), sys.argv[1] + "/torch_unet2d_tiny.txt")
dump(3, (1, 1, 4, 4, 4), sys.argv[1] + "/torch_unet3d_tiny.txt")
