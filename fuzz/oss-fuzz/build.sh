#!/bin/bash -eu
# Copyright 2026 The saddr Authors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#
################################################################################
# OSS-Fuzz build script for saddr. The recipe lives in saddr's own tree,
# shared with ClusterFuzzLite and exercised by saddr's CI (.ci/fuzz.sh).
exec "$SRC/saddr/fuzz/oss-fuzz-build.sh"
