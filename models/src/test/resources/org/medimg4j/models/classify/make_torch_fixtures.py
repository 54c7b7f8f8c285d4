"""Writes the fixtures TorchEquivalenceTest reads: small ResNet and DenseNet variants built from the reference
modules in shared/reference-nets/torch_models.py, random weights and BatchNorm statistics, eval mode, and their
logits for a random input.

Run from this directory with Debian's interpreter:
    PYTHONPATH=/work/shared/reference-nets /usr/bin/python3 make_torch_fixtures.py

File format, one tensor per line:  name|d0,d1,...|v0 v1 ...   (row-major, as PyTorch stores it)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_models import BasicBlock, DenseNet121


class SmallResNet(nn.Module):
    """torch_models.ResNet18's stem and BasicBlocks, two stages of one block, widths 4 and 8."""

    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 4, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        self.layer1 = nn.Sequential(BasicBlock(4, 4))
        self.layer2 = nn.Sequential(BasicBlock(4, 8, 2))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer2(self.layer1(x))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class Block3d(nn.Module):
    """BasicBlock in 3-D without normalisation (convolutions with bias), as ResNet builds it with Normalization.none()."""

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv3d(inplanes, planes, 3, stride=stride, padding=1)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv3d(planes, planes, 3, stride=1, padding=1)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv3d(inplanes, planes, 1, stride=stride))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.conv1(x))
        return self.relu(self.conv2(out) + identity)


class SmallResNet3d(nn.Module):
    """The 3-D variant: cubic 7/2 stem with bias, 3/2 max-pool pad 1, two stages of one block, widths 2 and 4."""

    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv1 = nn.Conv3d(in_channels, 2, 7, stride=2, padding=3)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool3d(3, stride=2, padding=1)
        self.layer1 = nn.Sequential(Block3d(2, 2))
        self.layer2 = nn.Sequential(Block3d(2, 4, 2))
        self.fc = nn.Linear(4, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool3d(x, 1), 1))


def randomise(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            nn.init.uniform_(m.weight, 0.5, 1.5)
            nn.init.uniform_(m.bias, -0.2, 0.2)
            m.running_mean.uniform_(-0.3, 0.3)
            m.running_var.uniform_(0.5, 2.0)
        elif isinstance(m, nn.Linear):
            nn.init.uniform_(m.bias, -0.5, 0.5)
    return model.eval()


def line(name, t):
    t = t.detach().contiguous().float()
    return "%s|%s|%s\n" % (name, ",".join(str(d) for d in t.shape), " ".join("%.8g" % v for v in t.flatten().tolist()))


def write(path, model, x):
    with torch.no_grad():
        y = model(x)
    with open(path, "w") as f:
        for name, t in model.state_dict().items():
            if not name.endswith("num_batches_tracked"):
                f.write(line(name, t))
        f.write(line("@input", x))
        f.write(line("@logits", y))


torch.manual_seed(2026)
write("resnet_small_torch.txt", randomise(SmallResNet(2, 3)), torch.randn(2, 2, 28, 36))
write("densenet_small_torch.txt",
      randomise(DenseNet121(2, 3, growth_rate=4, block_config=(2, 2), num_init_features=8, bn_size=2)),
      torch.randn(2, 2, 28, 36))
write("resnet3d_small_torch.txt", randomise(SmallResNet3d(1, 2)), torch.randn(1, 1, 12, 16, 16))
